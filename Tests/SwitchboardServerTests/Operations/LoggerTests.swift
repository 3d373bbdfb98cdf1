import Foundation
import Synchronization
import SwitchboardServer
import Testing

@Suite struct LoggerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    func makeLogger(_ lines: Lines, level: Logger.Level = .info, text: Bool = false) -> Logger {
        Logger(
            minimumLevel: level, includeMessageText: text, sink: { lines.append($0) },
            clock: { 1_700_000_000_123 })
    }

    @Test func writesLogfmtWithTimestampLevelAndQuotedValues() {
        let lines = Lines()
        makeLogger(lines).info("webhook accepted", ["event_id": "11", "queue": "billing team"])
        #expect(lines.all == [
            "ts=2023-11-14T22:13:20.123Z level=info msg=\"webhook accepted\" event_id=11 queue=\"billing team\""
        ])
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (951_782_400_007, "2000-02-29T00:00:00.007Z"),
        (1_709_164_799_999, "2024-02-28T23:59:59.999Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func timestampsAreUTCToTheMillisecond(milliseconds: Int64, expected: String) {
        let lines = Lines()
        Logger(sink: { lines.append($0) }, clock: { milliseconds }).info("m")
        #expect(lines.all == ["ts=\(expected) level=info msg=m"])
    }

    @Test func secretsAreNeverWritten() {
        let lines = Lines()
        makeLogger(lines).info("start", ["consumer_secret": "s3cr3t", "token": "abc", "authorization": "Bearer x"])
        let line = lines.all.joined()
        #expect(!line.contains("s3cr3t") && !line.contains("abc") && !line.contains("Bearer"))
        #expect(line.contains("consumer_secret=[redacted]"))
    }

    @Test func messageTextIsHiddenUnlessAskedFor() {
        let hidden = Lines()
        makeLogger(hidden).info("dm", ["text": "my card number is 4111"])
        #expect(hidden.all.joined().contains("text=\"[22 chars]\""))
        let shown = Lines()
        makeLogger(shown, text: true).info("dm", ["text": "hello"])
        #expect(shown.all.joined().contains("text=hello"))
    }

    @Test func levelsBelowTheMinimumAreDropped() {
        let lines = Lines()
        let logger = makeLogger(lines, level: .warning)
        logger.info("quiet")
        logger.error("loud")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("level=error") == true)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", "\"\""),
        ("a=b", "\"a=b\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("line one\nline two", "\"line one\\nline two\""),
        ("C:\\path", "C:\\path"),
        ("tab\rreturn", "\"tab\rreturn\""),
        ("über", "über"),
        ("split\u{2028}here", "\"split\u{2028}here\""),
        ("café au lait", "\"café au lait\""),
    ])
    func valuesAreQuotedAndEscapedOnlyWhenNeeded(value: String, written: String) {
        let lines = Lines()
        makeLogger(lines).info("m", ["v": value])
        #expect(lines.all == ["ts=2023-11-14T22:13:20.123Z level=info msg=m v=\(written)"])
    }

    @Test func secretKeysAreFoundInAnyCaseButIdsAreKept() {
        let lines = Lines()
        makeLogger(lines).info("m", ["X-API-Key": "k1", "AccessToken": "t1", "delivery_id": "d1", "TEXT": "hidden words"])
        #expect(lines.all == [
            "ts=2023-11-14T22:13:20.123Z level=info msg=m X-API-Key=[redacted] AccessToken=[redacted] delivery_id=d1 TEXT=\"[12 chars]\""
        ])
    }
}
