import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardServer

/// The hand-written conversation JSON reads back, through the synthesized `Codable`, as the same value.
@Suite struct ConversationJSONTests {
    static let phases: [Conversation.Phase] = [
        .idle, .at("welcome"), .capturing("outage.zip", failures: 2),
        .clarifying(candidates: ["a", "b \"c\""], returnTo: "billing"), .clarifying(candidates: [], returnTo: nil),
        .withAgent("general"),
    ]

    /// Any subset of the profile's fields is written with commas only between them.
    @Test(arguments: [
        CustomerProfile(), CustomerProfile(handle: "h"), CustomerProfile(followers: 5),
        CustomerProfile(name: "n", followers: 0), CustomerProfile(handle: "h", followers: 9), CustomerProfile(name: "n", handle: "h"),
    ])
    func everyProfileSubsetRoundTrips(profile: CustomerProfile) throws {
        let conversation = Conversation(key: ConversationKey(account: "1", customer: "2"), profile: profile)
        let decoded = try JSONDecoder().decode(Conversation.self, from: Data(ConversationJSON.encode(conversation).utf8))
        #expect(decoded == conversation)
        #expect(ConversationJSON.decode(Array(ConversationJSON.encode(conversation).utf8)) == conversation)
    }

    @Test(arguments: phases)
    func everyPhaseRoundTrips(phase: Conversation.Phase) throws {
        var conversation = Conversation(
            key: ConversationKey(account: "1000", customer: "2\"0\n0"),
            profile: CustomerProfile(name: "Jane \"Q\" Doe", handle: "jane", followers: 1834))
        conversation.phase = phase
        conversation.slots = ["zip": "78701", "note": "line\nbreak \\ \u{1}"]
        conversation.turn = 7
        conversation.lastActivity = Instant(milliseconds: 1_700_000_000_123)
        conversation.offered = [
            OfferedOption(token: "sb1.v.7.0", label: "Billing", choice: .stateOption("welcome", index: 0)),
            OfferedOption(token: "sb1.v.7.1", label: "Explain", choice: .intentOption("bill", index: 1)),
            OfferedOption(token: "sb1.v.7.2", label: "Bill?", choice: .clarify("bill")),
            OfferedOption(token: "sb1.v.7.3", label: "Something else", choice: .somethingElse),
            OfferedOption(token: "sb1.v.7.4", label: "★★★", choice: .rating(3)),
        ]
        let decoded = try JSONDecoder().decode(Conversation.self, from: Data(ConversationJSON.encode(conversation).utf8))
        #expect(decoded == conversation)
        #expect(ConversationJSON.decode(Array(ConversationJSON.encode(conversation).utf8)) == conversation)
        // What the synthesized encoder writes reads back too.
        #expect(ConversationJSON.decode([UInt8](try JSONEncoder().encode(conversation))) == conversation)
    }

    @Test(arguments: ["", "{}", "[]", "{\"key\":{}}", "not json", "{\"key\":{\"account\":\"a\",\"customer\":\"b\"},\"phase\":{\"nope\":{}},\"turn\":1}"])
    func anythingElseIsNotDecoded(text: String) {
        #expect(ConversationJSON.decode(Array(text.utf8)) == nil)
    }

    @Test func aFreshConversationWithNothingOptionalRoundTrips() throws {
        let conversation = Conversation(key: ConversationKey(account: "a", customer: "b"))
        let decoded = try JSONDecoder().decode(Conversation.self, from: Data(ConversationJSON.encode(conversation).utf8))
        #expect(decoded == conversation)
        #expect(ConversationJSON.decode(Array(ConversationJSON.encode(conversation).utf8)) == conversation)
    }
}
