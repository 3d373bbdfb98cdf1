import Foundation
import SwitchboardCore
import SwitchboardServer

/// Engine steps per second on one core, over a scripted conversation through the example bot.
///
/// `swift run -c release switchboard-bench engine [--bot DIR]` (DIR holds flows/ and intents/; default `.`)
enum EngineBench {
    static func run(_ arguments: [String]) throws {
        let root = option("--bot", in: arguments) ?? "."
        var loaded: BotDirectory.Loaded?
        let load = try measure("load + validate + train example bot", repetitions: 5) {
            loaded = try BotDirectory.load(flows: root + "/flows", intents: root + "/intents")
        }
        guard let bot = loaded?.bot else {
            print("error: the bot in \(root) has errors; run `switchboard check`")
            return
        }
        let engine = Engine(bot: bot)
        // Flow steps only: menu, taps, slot capture with a retry, commands (no free text).
        let flowScript: [(String, tapIndex: Int?)] = [
            ("hi", nil), ("", 1), ("austin", nil), ("78701", nil), ("", 0), ("", 0), ("menu", nil), ("", 0),
            ("", 1), ("stop", nil),
        ]
        // A realistic mix: the same with one free-text question answered by the classifier.
        let mixedScript: [(String, tapIndex: Int?)] = [
            ("hi", nil), ("", 1), ("austin", nil), ("78701", nil), ("", 0), ("", 0), ("menu", nil),
            ("why is my bill so high", nil), ("", 0), ("stop", nil),
        ]
        let conversationsPerSample = 2_000
        let stepsPerSample = conversationsPerSample * flowScript.count
        let baseline = measure("baseline: build inputs only", repetitions: 7) {
            var count = 0
            for index in 0..<stepsPerSample { count &+= Inbound(text: flowScript[index % flowScript.count].0).text.utf8.count }
            blackHole(count)
        }
        let flows = measure("engine step, flow steps only", repetitions: 7) {
            run(engine, flowScript, conversations: conversationsPerSample)
        }
        let mixed = measure("engine step, 1 in 10 classified", repetitions: 7) {
            run(engine, mixedScript, conversations: conversationsPerSample)
        }
        report(load)
        report(baseline)
        report(flows, baseline: baseline, extra: String(format: "%.0f steps/s (bar ≥ 200,000)", Double(stepsPerSample) / flows.median))
        report(mixed, baseline: baseline, extra: String(format: "%.0f steps/s", Double(stepsPerSample) / mixed.median))
    }

    /// Drives `conversations` customers through `script`, tapping the named option where asked.
    static func run(_ engine: Engine, _ script: [(String, tapIndex: Int?)], conversations: Int) {
        for index in 0..<conversations {
            var conversation = Conversation(
                key: ConversationKey(account: "bench", customer: CustomerID("c\(index)")),
                profile: CustomerProfile(name: "Bench User"))
            var options: [OutgoingQuickReply] = []
            var now = Instant(milliseconds: 1_700_000_000_000)
            for (text, tap) in script {
                now = now + .seconds(3)
                let inbound: Inbound
                if let tap, options.indices.contains(tap) {
                    inbound = Inbound(text: options[tap].label, quickReplyMetadata: options[tap].metadata)
                } else {
                    inbound = Inbound(text: text)
                }
                let result = engine.step(conversation, inbound, now: now)
                conversation = result.conversation
                for case .send(let message) in result.effects { options = message.quickReplies }
            }
        }
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that made it.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
