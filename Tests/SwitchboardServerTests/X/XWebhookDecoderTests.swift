import SwitchboardServer
import Testing

@Suite struct XWebhookDecoderTests {
    let decoder = XWebhookDecoder()
    static let jane = XUserProfile(id: "2000000000000000002", name: "Jane Q. Customer", screenName: "jane_fake", followersCount: 1834)

    @Test func plainTextMessageCarriesSenderProfile() throws {
        let batch = try decoder.decode(try Fixtures.bytes("dm-text.json"))
        #expect(batch.forUserID == "1000000000000000001")
        #expect(batch.ignored.isEmpty)
        #expect(
            batch.messages == [
                XDirectMessage(
                    eventID: "1100000000000000001", createdAtMilliseconds: 1_700_000_000_000, senderID: "2000000000000000002",
                    recipientID: "1000000000000000001", text: "Hi, my bill doubled this month and I want to know why 😡",
                    sender: Self.jane)
            ])
    }

    @Test func quickReplyCarriesMetadataAndWelcomeMessage() throws {
        let message = try #require(try decoder.decode(try Fixtures.bytes("dm-quick-reply.json")).messages.first)
        #expect(message.text == "Billing")
        #expect(message.quickReplyMetadata == "opaque-metadata-written-by-switchboard")
        #expect(message.welcomeMessageID == "3000000000000000003")
        #expect(message.createdAtMilliseconds == 1_700_000_060_000)
    }

    @Test func brandsOwnMessageIsSkipped() throws {
        let batch = try decoder.decode(try Fixtures.bytes("dm-brand-echo.json"))
        #expect(batch.messages.isEmpty)
        #expect(batch.ownMessageIDs == ["1100000000000000003"])
    }

    @Test func twoEventsKeepTheirOrder() throws {
        let batch = try decoder.decode(try Fixtures.bytes("dm-two-events.json"))
        #expect(batch.messages.map(\.eventID) == ["1100000000000000004", "1100000000000000005"])
        #expect(batch.messages.last?.text == "can someone call me? https://t.co/fake")
    }

    @Test(arguments: [
        ("typing.json", ["direct_message_indicate_typing_events"]),
        ("mark-read.json", ["direct_message_mark_read_events"]),
        ("tweet-create-ignored.json", ["tweet_create_events"]),
    ])
    func otherEventKindsAreReportedAsIgnored(file: String, ignored: [String]) throws {
        let batch = try decoder.decode(try Fixtures.bytes(file))
        #expect(batch.messages.isEmpty)
        #expect(batch.ignored == ignored)
    }

    @Test func nonMessageEventTypesAreIgnoredByType() throws {
        let body = #"{"for_user_id":"1","direct_message_events":[{"type":"participants_join","id":"9"}]}"#
        #expect(try decoder.decode(Array(body.utf8)).ignored == ["direct_message_events:participants_join"])
    }

    @Test func duplicateEventIdsInOneDeliveryAreDecodedOnce() throws {
        let body = #"{"for_user_id":"1","direct_message_events":[\#(Self.event(id: "5")),\#(Self.event(id: "5"))]}"#
        #expect(try decoder.decode(Array(body.utf8)).messages.count == 1)
    }

    @Test func missingSenderNamesTheFieldPath() throws {
        let body = #"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":"5","created_timestamp":"1","message_create":{"target":{"recipient_id":"1"},"message_data":{"text":"hi"}}}]}"#
        #expect(throws: XWebhookError.missingField(path: "direct_message_events[0].message_create.sender_id")) {
            try decoder.decode(Array(body.utf8))
        }
    }

    @Test func missingForUserIsRejected() {
        #expect(throws: XWebhookError.missingField(path: "for_user_id")) { try decoder.decode(Array("{}".utf8)) }
    }

    @Test(arguments: ["", "not json", "[1,2]", "{\"for_user_id\":1}", "{\"for_user_id\":\"1\",\"direct_message_events\":{}}", "{\"for_user_id\":\"1\""])
    func malformedJSONIsATypedError(body: String) {
        #expect(throws: XWebhookError.self) { try decoder.decode(Array(body.utf8)) }
    }

    @Test(arguments: [
        (#"{"for_user_id":1}"#, "'for_user_id' should be a string, not a number"),
        (#"{"for_user_id":"1","direct_message_events":{}}"#, "'direct_message_events' should be an array, not an object"),
        (#"{"for_user_id":"1","direct_message_events":[{"type":"message_create","id":5}]}"#,
         "'direct_message_events[0].message_create' "),
        (#"{"for_user_id":"1","direct_message_events":[\#(event(id: "5")),7]}"#, "'direct_message_events[1]' should be an object, not a number"),
        (#"{"for_user_id":"1","users":{"2":{"id":"2","followers_count":1.5}}}"#, "'users.2.followers_count' should be an integer, not a number"),
        ("[1,2]", "the body should be an object, not an array"),
        (#"{"for_user_id":"1",}"#, "not valid JSON at byte 18"),
    ])
    func wrongTypesAndInvalidJSONSayWhere(body: String, detail: String) {
        do {
            _ = try decoder.decode(Array(body.utf8))
            Issue.record("decoded \(body)")
        } catch {
            switch error {
            case .malformedJSON(let text): #expect(text.contains(detail), "\(text)")
            case .missingField(let path): #expect(detail.contains("'\(path)'"), "\(path)")
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func nullForARequiredFieldIsMissingAndForAnOptionalOneIsAbsent() throws {
        #expect(throws: XWebhookError.missingField(path: "for_user_id")) { try decoder.decode(Array(#"{"for_user_id":null}"#.utf8)) }
        let body = #"{"for_user_id":"1","direct_message_events":null,"users":{"2":{"id":"2","name":null}}}"#
        #expect(try decoder.decode(Array(body.utf8)).messages.isEmpty)
        #expect(throws: XWebhookError.missingField(path: "users.2.id")) {
            try decoder.decode(Array(#"{"for_user_id":"1","users":{"2":{"name":"x"}}}"#.utf8))
        }
    }

    @Test func aRepeatedKeyReadsAsItsLastValue() throws {
        #expect(try decoder.decode(Array(#"{"for_user_id":"1","for_user_id":"2"}"#.utf8)).forUserID == "2")
        let users = (0..<40).map { #""\#($0 % 20)":{"id":"\#($0 % 20)","name":"n\#($0)"}"# }.joined(separator: ",")
        let body = #"{"for_user_id":"1","direct_message_events":[\#(Self.event(id: "5"))],"users":{\#(users)}}"#
        #expect(try decoder.decode(Array(body.utf8)).messages.first?.sender?.name == "n22")
    }

    @Test func otherEventKindsCountTowardTheLimitOncePerKey() throws {
        let body = #"{"for_user_id":"1","tweet_create_events":[1,2],"favorite_events":{},"tweet_create_events":[1,2,3]}"#
        #expect(try decoder.decode(Array(body.utf8)).ignored == ["favorite_events", "tweet_create_events"])
        #expect(throws: XWebhookError.tooManyEvents(count: 4, limit: 3)) { try XWebhookDecoder(maxEvents: 3).decode(Array(body.utf8)) }
    }

    @Test func nonNumericTimestampIsInvalid() {
        let body = #"{"for_user_id":"1","direct_message_events":[\#(Self.event(id: "5", timestamp: "yesterday"))]}"#
        #expect(throws: XWebhookError.invalidField(path: "direct_message_events[0].created_timestamp", reason: "'yesterday' is not epoch milliseconds")) {
            try decoder.decode(Array(body.utf8))
        }
    }

    @Test func oversizedPayloadIsRejectedBeforeParsing() {
        let small = XWebhookDecoder(maxPayloadBytes: 10)
        #expect(throws: XWebhookError.payloadTooLarge(bytes: 11, limit: 10)) { try small.decode(Array(repeating: 0x20, count: 11)) }
    }

    @Test func tooManyEventsAreRejected() {
        let few = XWebhookDecoder(maxEvents: 2)
        let events = (1...3).map { Self.event(id: "\($0)") }.joined(separator: ",")
        let body = #"{"for_user_id":"1","direct_message_events":[\#(events)]}"#
        #expect(throws: XWebhookError.tooManyEvents(count: 3, limit: 2)) { try few.decode(Array(body.utf8)) }
    }

    @Test func textOverXsLimitIsRejected() {
        let body = #"{"for_user_id":"1","direct_message_events":[\#(Self.event(id: "5", text: String(repeating: "a", count: 10_001)))]}"#
        #expect(throws: XWebhookError.fieldTooLong(path: "direct_message_events[0].message_create.message_data.text", length: 10_001, limit: 10_000)) {
            try decoder.decode(Array(body.utf8))
        }
    }

    @Test func everyTruncationOfEveryFixtureDecodesOrThrowsTypedError() throws {
        for file in ["dm-text.json", "dm-quick-reply.json", "dm-two-events.json", "typing.json"] {
            let bytes = try Fixtures.bytes(file)
            var rejected = 0
            for length in 0..<bytes.count {
                do {
                    _ = try decoder.decode(Array(bytes.prefix(length)))
                } catch {
                    rejected += 1
                }
            }
            // All but the final whitespace-only truncations are incomplete JSON.
            #expect(rejected >= bytes.count - 2)
        }
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(XWebhookError.missingField(path: "a.b").description.contains("'a.b'"))
        #expect(XWebhookError.payloadTooLarge(bytes: 2, limit: 1).description.contains("limit"))
    }

    static func event(id: String, timestamp: String = "1700000000000", text: String = "hi") -> String {
        #"{"type":"message_create","id":"\#(id)","created_timestamp":"\#(timestamp)","message_create":{"target":{"recipient_id":"1"},"sender_id":"2","message_data":{"text":"\#(text)"}}}"#
    }
}
