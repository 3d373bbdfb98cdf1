import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

@Suite struct QueueRenderingTests {
    @Test func tableShowsPriorityAndWhy() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        let now = at(minutes: 42)
        let table = QueueRendering.table(try await store.escalations(EscalationFilter(), now: now), now: now)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("ID  PRI  SLA"))
        #expect(lines[1].hasPrefix("\(id)   99   ok"))
        #expect(lines[1].contains("Customer c1 @c1"))
        #expect(lines[1].contains("42 min"))
        #expect(lines[1].contains("+40 very negative tone"))
        #expect(QueueRendering.table([], now: now) == "no escalations match\n")
    }

    @Test func jsonIsParseableAndComplete() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        let now = at(minutes: 42)
        let json = QueueRendering.json(try await store.escalations(EscalationFilter(), now: now), now: now)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed.first?["id"] as? Int == Int(id.rawValue))
        #expect(parsed.first?["sla"] as? String == "ok")
        #expect((parsed.first?["priorityExplanation"] as? [String])?.last == "+14 waiting 42 min")
        #expect(parsed.first?["waitingMinutes"] as? Int == 42)
    }

    @Test func detailShowsTranscriptAndHistory() async throws {
        let folder = try TemporaryFolder()
        let (store, id) = try await storeWithEscalation(folder)
        defer { store.close() }
        let detail = try await store.escalation(id, now: at(minutes: 1))
        let text = QueueRendering.detail(detail, now: at(minutes: 1))
        #expect(text.contains("escalation \(id) · waiting · queue billing"))
        #expect(text.contains("[inbound] customer: I am very angry, let me talk to a person!!"))
        #expect(text.contains("[outbound] bot: Connecting you"))
        #expect(text.contains("refund 41%"))
        let json = QueueRendering.detailJSON(detail, now: at(minutes: 1))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((parsed["transcript"] as? [Any])?.count == detail.transcript.count)
    }
}

@Suite struct SlotJSONTests {
    @Test func slotsWithAwkwardCharactersRoundTrip() throws {
        let slots = ["quote": "say \"hi\"", "newline": "a\nb", "backslash": "c:\\x", "control": "\u{01}", "emoji": "🎉", "": ""]
        #expect(try JSONText.decodeMap(JSONText.encode(slots)) == slots)
        #expect(JSONText.encode([:]) == "{}")
    }

    @Test func damagedSlotsAreAnErrorNotACrash() {
        #expect(throws: (any Error).self) { try JSONText.decodeMap("{not json") }
        #expect(throws: StoredValueError.self) { try JSONText.decodeMap("[1,2]") }
    }
}

@Suite struct EscalationJSONTests {
    @Test func handWrittenIntentsAndContributionsReadBackAsWritten() throws {
        let intents = [
            IntentConfidence(intent: "refund", confidence: 0.9312), IntentConfidence(intent: "say \"hi\"\n", confidence: 1e-05),
            IntentConfidence(intent: "", confidence: 1),
        ]
        #expect(try JSONText.decode([IntentConfidence].self, from: JSONText.encode(intents)) == intents)
        let contributions = [
            PriorityContribution(points: 30, reason: "reach 1M followers"), PriorityContribution(points: -2.5, reason: "🎉 \\ x"),
        ]
        #expect(try JSONText.decode([PriorityContribution].self, from: JSONText.encode(contributions)) == contributions)
        #expect(JSONText.encode([IntentConfidence]()) == "[]")
        // JSON has no NaN: the row stays readable.
        let odd = JSONText.encode([PriorityContribution(points: .nan, reason: "x")])
        #expect(try JSONText.decode([PriorityContribution].self, from: odd) == [PriorityContribution(points: 0, reason: "x")])
    }
}
