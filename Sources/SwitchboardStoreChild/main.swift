// Child process for the store's reliability tests (not shipped to users).
//   switchboard-store-child crash-writer PATH SEED   commit as fast as possible, print "committed ID" per commit
//   switchboard-store-child open PATH [--as-nobody]  try to open PATH, print "ok" or "error: …"
import Foundation
import SwitchboardCore
import SwitchboardStore

/// The writer stops by itself after this long, in case the test that should kill it died first.
let crashWriterLifetime: Duration = .seconds(60)
/// Submitters in flight at once, so that group commit batches several messages.
let crashWriterConcurrency = 16

let arguments = CommandLine.arguments
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// One step of the crash writer: a state, two outbound messages, and an escalation every 7th message.
@Sendable func crashStep(_ eventID: String, _ number: Int) -> @Sendable (InboundContext) -> StepRecords {
    { _ in
        StepRecords(
            state: Array(eventID.utf8), slots: ["n": String(number)],
            outbox: [
                OutboundMessage(text: "ack \(eventID)", payloadJSON: "{\"text\":\"ack\"}"),
                OutboundMessage(text: "more \(eventID)", payloadJSON: "{\"text\":\"more\"}"),
            ],
            escalation: number % 7 == 0 ? EscalationRequest(queue: "general", reason: .lowConfidence) : nil)
    }
}

switch arguments.dropFirst().first {
case "crash-writer":
    guard arguments.count == 4, let seed = Int(arguments[3]) else { fail("usage: crash-writer PATH SEED") }
    let store: SQLiteStore
    do { store = try SQLiteStore(path: arguments[2]) } catch { fail("error: \(error)") }
    let deadline = ContinuousClock.now + crashWriterLifetime
    await withTaskGroup(of: Void.self) { group in
        for lane in 0..<crashWriterConcurrency {
            group.addTask {
                var number = lane
                while ContinuousClock.now < deadline {
                    let eventID = "s\(seed)-\(number)"
                    let inbound = InboundRecord(
                        eventID: eventID,
                        key: ConversationKey(account: "brand", customer: CustomerID("c\(number % 97)")),
                        text: "hello \(number)", receivedAt: Instant(milliseconds: 1_700_000_000_000 + Int64(number)))
                    do {
                        _ = try await store.process(inbound, step: crashStep(eventID, number))
                        // One write per line: the parent reads whole lines only.
                        FileHandle.standardOutput.write(Data("committed \(eventID)\n".utf8))
                    } catch {
                        fail("error: \(error)")
                    }
                    number += crashWriterConcurrency
                }
            }
        }
    }
case "open":
    guard arguments.count >= 3 else { fail("usage: open PATH [--as-nobody]") }
    if arguments.contains("--as-nobody"), getuid() == 0 {
        // Root reads and writes everything: drop to "nobody" so permissions apply as to a user.
        guard setgid(65534) == 0, setuid(65534) == 0 else { fail("error: cannot drop to nobody") }
    }
    do {
        let store = try SQLiteStore(path: arguments[2])
        store.close()
        print("ok")
    } catch {
        print("error: \(error)")
        exit(1)
    }
default:
    fail("usage: switchboard-store-child crash-writer PATH SEED | open PATH [--as-nobody]")
}
