import SwitchboardCore
import SwitchboardServer
import Testing

/// `x.markRead` in the config file: off unless the brand opts in.
@Suite struct MarkReadConfigurationTests {
    static func applying(_ text: String) throws(ConfigurationError) -> ServeConfiguration {
        var configuration = ServeConfiguration()
        try configuration.apply(file: SourceFile(path: "switchboard.json5", text: text))
        return configuration
    }

    @Test func markReadIsOffByDefault() throws {
        #expect(ServeConfiguration().xMarkRead == false)
        #expect(try Self.applying(#"{ x: { accountId: "1" } }"#).xMarkRead == false)
    }

    @Test func aBrandOptsInWithXMarkRead() throws {
        #expect(try Self.applying("{ x: { markRead: true } }").xMarkRead == true)
    }

    @Test func aMarkReadThatIsNotABooleanSaysWhereAndWhat() {
        #expect(throws: ConfigurationError.self) { try Self.applying(#"{ x: { markRead: "yes" } }"#) }
        do {
            _ = try Self.applying(#"{ x: { markRead: "yes" } }"#)
        } catch {
            #expect(error.description.contains("switchboard.json5:1:"))
            #expect(error.description.contains("'x.markRead' must be true or false"))
        }
    }

    @Test func aMisspeltMarkReadSuggestsTheRightKey() {
        do {
            _ = try Self.applying("{ x: { markread: true } }")
            Issue.record("a misspelt key must be an error")
        } catch {
            #expect(error.description.contains("did you mean 'markRead'?"))
        }
    }
}
