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
        // A realistic mix: menu, taps, slot capture with a retry, free text, commands.
        let script: [(String, tapIndex: Int?)] = [
            ("hi", nil), ("", 1), ("austin", nil), ("78701", nil), ("", 0), ("", 0), ("menu", nil),
            ("why is my bill so high", nil), ("", 0), ("stop", nil),
        ]
        let conversationsPerSample = 2_000
        let stepsPerSample = conversationsPerSample * script.count
        let baseline = measure("baseline: build inputs only", repetitions: 7) {
            var count = 0
            for index in 0..<stepsPerSample { count &+= Inbound(text: script[index % script.count].0).text.utf8.count }
            blackHole(count)
        }
        let steps = measure("engine step (scripted conversations)", repetitions: 7) {
            for index in 0..<conversationsPerSample {
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
        report(load)
        report(baseline)
        let perSecond = Double(stepsPerSample) / steps.median
        report(steps, baseline: baseline, extra: String(format: "%.0f steps/s (bar ≥ 200,000)", perSecond))
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that made it.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
