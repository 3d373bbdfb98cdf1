import Foundation
import SwitchboardCore

/// `switchboard chat`: a terminal simulator of the bot, interactive or fed by a pipe.
struct ChatCommand: Command {
    static let spec = CommandSpec(
        name: "chat",
        abstract: "Talk to the bot in the terminal (type a number to tap a quick reply).",
        discussion: """
            Works interactively and with piped input, one message per line. Lines starting with '/' are \
            simulator commands: /help, /reset, /back (an agent hands the conversation back), /quit.
            """,
        options: [
            BotOptions.flows, BotOptions.intents,
            .flag("explain", help: "Show state transitions and the classifier's decisions."),
            .value("name", "NAME", help: "The customer's display name.", default: "Alex"),
        ])

    /// Longest line read from standard input; longer lines are cut (X allows 10,000 characters).
    static let maximumLineLength = 10_000

    var arguments: ParsedArguments
    var explain: Bool
    var name: String

    init(_ arguments: ParsedArguments) throws {
        self.arguments = arguments
        explain = arguments.flag("explain")
        name = arguments.value("name") ?? "Alex"
    }

    func run() async throws -> Int32 {
        guard let bot = try BotOptions.load(arguments, quietWarnings: true) else { return 1 }
        let engine = Engine(bot: bot)
        let interactive = Terminal.inputIsInteractive
        var session = ChatSession(engine: engine, explain: explain, name: name)
        if interactive {
            Terminal.out("Chatting with the bot. Type a number to tap an option, /help for commands.\n")
        }
        session.show(engine.welcome(session.conversation, now: ChatSession.now()))
        while true {
            if interactive { FileHandle.standardOutput.write(Data("you> ".utf8)) }
            guard let raw = readLine(strippingNewline: true) else { break }
            let line = String(raw.prefix(Self.maximumLineLength))
            if !interactive { Terminal.out("you> \(line)") }
            if line.hasPrefix("/") {
                if !session.simulatorCommand(line) { break }
                continue
            }
            session.send(line)
        }
        return 0
    }
}

/// The simulator's state: one conversation, the last options shown, and how to print.
struct ChatSession {
    let engine: Engine
    let explain: Bool
    var conversation: Conversation
    var lastOptions: [OutgoingQuickReply] = []

    init(engine: Engine, explain: Bool, name: String) {
        self.engine = engine
        self.explain = explain
        conversation = Self.freshConversation(name: name)
    }

    static func freshConversation(name: String) -> Conversation {
        Conversation(
            key: ConversationKey(account: "simulator", customer: "you"),
            profile: CustomerProfile(name: name, handle: name.lowercased()))
    }

    static func now() -> Instant { Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    /// Sends a line: a number taps that option of the last message, anything else is typed text.
    mutating func send(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let inbound: Inbound
        if let number = Int(trimmed), lastOptions.indices.contains(number - 1) {
            let option = lastOptions[number - 1]
            inbound = Inbound(text: option.label, quickReplyMetadata: option.metadata)
        } else {
            inbound = Inbound(text: line)
        }
        show(engine.step(conversation, inbound, now: Self.now()), typed: inbound.quickReplyMetadata == nil ? line : nil)
    }

    /// Handles /commands; returns false to quit.
    mutating func simulatorCommand(_ line: String) -> Bool {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "/quit", "/exit": return false
        case "/reset":
            conversation = Self.freshConversation(name: conversation.profile.name ?? "Alex")
            Terminal.out("(new conversation)")
            show(engine.welcome(conversation, now: Self.now()))
        case "/back":
            guard case .withAgent = conversation.phase else {
                Terminal.out("(the bot already owns this conversation)")
                return true
            }
            Terminal.out("(the agent resolves the conversation and hands it back to the bot)")
            show(engine.handBack(conversation, now: Self.now(), askForRating: true))
        case "/state":
            Terminal.out("(state: \(conversation.stateDescription); slots: \(conversation.slots))")
        default:
            Terminal.out("/help  this list\n/reset  start a new conversation\n/back  an agent hands back to the bot\n/state  show the state and slots\n/quit  leave")
        }
        return true
    }

    /// Prints a step's messages; with `--explain`, its trace, and for a classified message (`typed`)
    /// the features and keywords that drove the classifier's top intent.
    mutating func show(_ result: StepResult, typed: String? = nil) {
        conversation = result.conversation
        if explain {
            for event in result.trace {
                Terminal.out("  · \(event)")
                if case .classified = event, let typed, let evidence = engine.bot.classifier?.explain(typed),
                    !evidence.isEmpty
                {
                    Terminal.out("    evidence: " + evidence.joined(separator: ", "))
                }
            }
        }
        for effect in result.effects {
            switch effect {
            case .send(let message):
                Terminal.out("bot> " + message.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n     "))
                for (index, option) in message.quickReplies.enumerated() {
                    let description = option.description.map { " — \($0)" } ?? ""
                    Terminal.out("     \(index + 1)) \(option.label)\(description)")
                }
                for button in message.buttons { Terminal.out("     [\(button.label)] \(button.url)") }
                lastOptions = message.quickReplies
            case .handOff(let request):
                var line = "  ⇢ handed to a person: queue '\(request.queue)', reason \(request.reason.rawValue)"
                if !request.topIntents.isEmpty {
                    line += "; bot understood " + request.topIntents.map {
                        "\($0.intent) \(Int(($0.confidence * 100).rounded()))%"
                    }.joined(separator: ", ")
                }
                Terminal.out(line)
                Terminal.out("  (an agent owns the conversation now; /back hands it back to the bot)")
            case .setSlot(let slot, let value):
                if explain { Terminal.out("  · saved \(slot) = \(value)") }
            case .end:
                Terminal.out("  (conversation ended; the next message starts again)")
            case .rating(let score):
                Terminal.out("  (rating stored: \(score)/5)")
            }
        }
        if case .withAgent = conversation.phase, result.effects.isEmpty {
            Terminal.out("  (an agent owns this conversation: the bot stays silent; /back hands it back)")
        }
    }
}
