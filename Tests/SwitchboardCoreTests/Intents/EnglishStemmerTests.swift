import Foundation
import SwitchboardCore
import Testing

@Suite struct EnglishStemmerTests {
    /// 493 consecutive (word, stem) pairs from the Snowball project's published English vocabulary
    /// (snowballstem/snowball-data, english/voc.txt and output.txt).
    @Test func stemsMatchThePublishedSnowballVocabulary() throws {
        let url = try #require(
            Bundle.module.url(forResource: "snowball-english-pairs", withExtension: "txt", subdirectory: "Fixtures/intents"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 493)
        var mismatches: [String] = []
        for line in lines {
            let parts = line.split(separator: " ")
            try #require(parts.count == 2)
            let stem = EnglishStemmer.stem(String(parts[0]))
            if stem != parts[1] { mismatches.append("\(parts[0]) → \(stem), expected \(parts[1])") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test(arguments: [
        ("generously", "generous"), ("skies", "sky"), ("dying", "die"), ("news", "news"), ("gently", "gentl"),
        ("consolation", "consol"), ("knightly", "knight"), ("knives", "knive"), ("cries", "cri"), ("ties", "tie"),
        ("hopping", "hop"), ("hoped", "hope"), ("communism", "communism"), ("refunds", "refund"),
        ("cancelled", "cancel"), ("succeeding", "succeed"), ("proceed", "proceed"),
    ])
    func stemsAlgorithmExamples(word: String, stem: String) {
        #expect(EnglishStemmer.stem(word) == stem)
    }

    @Test(arguments: ["", "a", "is", "café", "日本語", String(repeating: "x", count: 100), "abc123"])
    func leavesShortOrNonEnglishWordsAlone(word: String) {
        #expect(EnglishStemmer.stem(word) == word)
    }
}
