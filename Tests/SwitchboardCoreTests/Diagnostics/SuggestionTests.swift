import Testing

@testable import SwitchboardCore

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("lable", "label"), ("biling", "billing"), ("optons", "options"), ("ONTEXT", "onText"),
        ("maxRetry", "maxRetries"),
    ])
    func suggestsTheClosestName(typo: String, expected: String) {
        let names = ["label", "billing", "options", "onText", "maxRetries", "next", "end"]
        #expect(Suggestion.closest(to: typo, among: names) == expected)
    }

    @Test(arguments: ["x", "zzzzzz", "completely-different"])
    func suggestsNothingWhenNothingIsClose(name: String) {
        #expect(Suggestion.closest(to: name, among: ["end", "next", "label", "goto"]) == nil)
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("same", "same") == 0)
    }
}

@Suite struct EditDistanceLimitTests {
    @Test func aLimitStopsEarlyAboveIt() {
        let long = Array("abcdefghij".unicodeScalars)
        let other = Array("zyxwvutsrq".unicodeScalars)
        #expect(Suggestion.editDistance(long, other, limit: 2) == 3)
        #expect(Suggestion.editDistance(long, other) == 10)
        #expect(Suggestion.editDistance(Array("label".unicodeScalars), Array("lable".unicodeScalars), limit: 3) == 2)
    }
}
