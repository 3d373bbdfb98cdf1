import Foundation
import SwitchboardCore
import SwitchboardCrypto
import SwitchboardServer
import SwitchboardStore

/// `switchboard agent`: manage agents (local) and work the queue through the agent API.
struct AgentCommand: Command {
    static let spec = CommandSpec(
        name: "agent",
        abstract: "Add agents, and work the queue from a terminal through the agent API.",
        discussion: """
            Local (reads the data folder): add NAME --queues Q1,Q2 [--capacity N] · list
            Through the API (token in SWITCHBOARD_AGENT_TOKEN, server in --server):
              me · online|away|offline · queue · show ID · claim ID · release ID · reply ID TEXT… · \
            note ID TEXT… · transfer ID --to-queue Q · typing ID · resolve ID [--no-rating]
              (typing ID shows the customer X's typing indicator for about 3 s: call it while composing a reply.)
            """,
        options: [
            .value("data", "DIR", help: "Data folder holding switchboard.sqlite (add, list).", default: "data"),
            .value("queues", "LIST", help: "Comma-separated queues the agent works (add)."),
            .value("capacity", "N", help: "Most conversations at once (add).", default: "3"),
            .value("server", "URL", help: "Where `switchboard serve` listens.", default: "http://127.0.0.1:8080"),
            .value("to-queue", "QUEUE", help: "Target queue (transfer)."),
            .value("to-agent", "AGENT", help: "Target agent (transfer)."),
            .flag("no-rating", help: "Do not ask the customer for a rating (resolve)."),
        ],
        positionals: [PositionalSpec(name: "ACTION", help: "What to do (see above).", isRepeating: true, isOptional: false)])

    /// The environment variable holding an agent's token (never a flag: `ps` would show it).
    static let tokenVariable = "SWITCHBOARD_AGENT_TOKEN"

    var arguments: ParsedArguments
    var action: String
    var rest: [String]

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        action = arguments.positionals[0]
        rest = Array(arguments.positionals.dropFirst())
        let needsID = ["show", "claim", "release", "reply", "note", "transfer", "typing", "resolve"]
        let known = ["add", "list", "me", "online", "away", "offline", "queue"] + needsID
        guard known.contains(action) else {
            var message = "unknown action '\(action)'"
            if let guess = Suggestion.closest(to: action, among: known) { message += "; did you mean '\(guess)'?" }
            throw UsageError(message, command: Self.spec)
        }
        if action == "add" && (rest.count != 1 || arguments.value("queues") == nil) {
            throw UsageError("usage: switchboard agent add NAME --queues Q1,Q2 [--capacity N]", command: Self.spec)
        }
        if needsID.contains(action) && (rest.isEmpty || Int64(rest[0]) == nil) {
            throw UsageError("'agent \(action)' needs an escalation ID (a number)", command: Self.spec)
        }
        if ["reply", "note"].contains(action) && rest.count < 2 {
            throw UsageError("'agent \(action) ID TEXT…' needs the text", command: Self.spec)
        }
        _ = try arguments.integer("capacity", in: 1...AgentRegistration.maximumCapacity)
    }

    func run() async throws -> Int32 {
        switch action {
        case "add": return try await add()
        case "list": return try await list()
        default: return try await callAPI()
        }
    }

    func add() async throws -> Int32 {
        let store = try Self.openExistingStore(arguments.value("data") ?? "data", create: true)
        defer { store.close() }
        let name = rest[0]
        let queues = Set((arguments.value("queues") ?? "").split(separator: ",").map {
            QueueID(String($0).trimmingCharacters(in: .whitespaces))
        })
        var random = SystemRandomNumberGenerator()
        let token = "sbt_" + Hex.encode((0..<24).map { _ in UInt8.random(in: 0...255, using: &random) })
        let capacity = try arguments.integer("capacity", in: 1...AgentRegistration.maximumCapacity) ?? 3
        try await store.register(
            AgentRegistration(id: AgentID(name), name: name, queues: queues, capacity: capacity, availability: .offline, token: token),
            now: Instant(milliseconds: Logger.wallClockMilliseconds()))
        Terminal.out("""
            Agent '\(name)' works \(queues.map(\.rawValue).sorted().joined(separator: ", ")) (capacity \(capacity)).
            Token (shown once; only its hash is stored):
              \(token)
            Use it:  export \(Self.tokenVariable)=\(token); switchboard agent online
            """)
        return 0
    }

    func list() async throws -> Int32 {
        let store = try Self.openExistingStore(arguments.value("data") ?? "data")
        defer { store.close() }
        let agents = try await store.agents()
        Terminal.out("AGENT                QUEUES                      LOAD  AVAILABILITY")
        for agent in agents {
            let queues = agent.queues.map(\.rawValue).joined(separator: ",")
            Terminal.out(
                agent.name.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                    + queues.padding(toLength: 27, withPad: " ", startingAt: 0) + " "
                    + "\(agent.load)/\(agent.capacity)".padding(toLength: 5, withPad: " ", startingAt: 0) + " "
                    + agent.availability.rawValue)
        }
        return 0
    }

    func callAPI() async throws -> Int32 {
        guard let token = ProcessInfo.processInfo.environment[Self.tokenVariable], !token.isEmpty else {
            Terminal.err("error: set \(Self.tokenVariable) to your agent token (from `switchboard agent add`).")
            return 2
        }
        let server = (arguments.value("server") ?? "http://127.0.0.1:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var method = HTTPMethod.post
        var path = "/api/v1/escalations/\(rest.first ?? "")/\(action)"
        var body: [String: Any] = [:]
        switch action {
        case "me": (method, path) = (.get, "/api/v1/me")
        case "online", "away", "offline": (path, body) = ("/api/v1/me/availability", ["availability": action])
        case "queue": (method, path) = (.get, "/api/v1/escalations")
        case "show": (method, path) = (.get, "/api/v1/escalations/\(rest[0])")
        case "reply", "note": body = ["text": rest.dropFirst().joined(separator: " ")]
        case "transfer":
            if let queue = arguments.value("to-queue") { body["queue"] = queue }
            else if let agent = arguments.value("to-agent") { body["agent"] = agent }
            else { throw UsageError("'agent transfer ID' needs --to-queue QUEUE or --to-agent AGENT", command: Self.spec) }
        case "resolve": body = ["rating": !arguments.flag("no-rating")]
        default: break
        }
        var headers: HTTPHeaders = ["authorization": "Bearer \(token)"]
        var bytes: [UInt8] = []
        if method == .post {
            headers.add(name: "content-type", value: "application/json")
            bytes = [UInt8](try JSONSerialization.data(withJSONObject: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await URLSessionTransport().send(
                OutgoingHTTPRequest(method: method, url: server + path, headers: headers, body: bytes, timeout: .seconds(15)))
        } catch {
            Terminal.err("error: cannot reach \(server) (\(error)); is `switchboard serve` running?")
            return 1
        }
        Terminal.out(Self.pretty(response.body))
        return (200..<300).contains(response.status) ? 0 : 1
    }

    static func pretty(_ body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Opens the data folder's database; refuses to create one by accident (unless `create`).
    static func openExistingStore(_ data: String, create: Bool = false) throws -> SQLiteStore {
        let path = Application.databasePath(in: data)
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                throw ConfigurationError(
                    "no database at \(path): start `switchboard serve --data \(data)` first, or pass --data DIR")
            }
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        }
        return try SQLiteStore(path: path)
    }
}
