import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardStore

/// `switchboard queue`: the human queue, read-only, straight from the data folder.
struct QueueCommand: Command {
    static let spec = CommandSpec(
        name: "queue",
        abstract: "Show the hand-off queue (read-only): `queue list` or `queue show ID`.",
        options: [
            .value("data", "DIR", help: "Data folder holding switchboard.sqlite.", default: "data"),
            .value("format", "FORMAT", help: "Output format.", default: "text", choices: ["text", "json"]),
            .value("queue", "QUEUE", help: "Only this queue."),
            .value("status", "STATUS", help: "Only this status.", choices: ["waiting", "assigned", "resolved"]),
            .value("sla", "STATE", help: "Only this SLA state.", choices: ["ok", "at_risk", "breached"]),
            .value("limit", "N", help: "At most N rows.", default: "50"),
        ],
        positionals: [
            PositionalSpec(name: "ACTION", help: "list (default) or show", isRepeating: false, isOptional: true),
            PositionalSpec(name: "ID", help: "The escalation to show.", isRepeating: false, isOptional: true),
        ])

    var arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        let action = arguments.positionals.first ?? "list"
        guard ["list", "show"].contains(action) else {
            throw UsageError("unknown action '\(action)'; use 'list' or 'show ID'", command: Self.spec)
        }
        if action == "show" && arguments.positionals.count < 2 {
            throw UsageError("'queue show' needs an escalation ID", command: Self.spec)
        }
        _ = try arguments.integer("limit", in: 1...EscalationFilter.maximumLimit)
    }

    func run() async throws -> Int32 {
        let store = try AgentCommand.openExistingStore(arguments.value("data") ?? "data")
        defer { store.close() }
        let now = Instant(milliseconds: Logger.wallClockMilliseconds())
        let json = arguments.value("format") == "json"
        if arguments.positionals.first == "show" {
            guard let id = Int64(arguments.positionals[1]) else {
                throw UsageError("'\(arguments.positionals[1])' is not an escalation ID", command: Self.spec)
            }
            let detail = try await store.escalation(EscalationID(id), now: now)
            Terminal.out(json ? QueueRendering.detailJSON(detail, now: now) : QueueRendering.detail(detail, now: now))
            return 0
        }
        var filter = EscalationFilter(limit: try arguments.integer("limit", in: 1...EscalationFilter.maximumLimit) ?? 50)
        filter.queue = arguments.value("queue").map(QueueID.init)
        filter.status = arguments.value("status").flatMap(EscalationStatus.init(rawValue:))
        filter.sla = arguments.value("sla").flatMap(SLAState.init(rawValue:))
        let rows = try await store.escalations(filter, now: now)
        Terminal.out(json ? QueueRendering.json(rows, now: now) : QueueRendering.table(rows, now: now))
        return 0
    }
}
