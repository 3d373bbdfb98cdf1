import SwitchboardCore
import Testing

@Suite struct ToneAnalyzerTests {
    let analyzer = ToneAnalyzer()

    @Test(arguments: [
        ("Thanks, that was great!", ToneLabel.positive),
        ("Where is my parcel?", .neutral),
        ("This is bad", .negative),
        ("I am very angry, this is a terrible scam!!!", .veryNegative),
        ("not happy", .negative),
        ("not bad at all", .positive),
        ("no problem", .neutral),
    ])
    func labelsEverydayMessages(text: String, expected: ToneLabel) {
        #expect(analyzer.tone(of: text).label == expected, "\(text): \(analyzer.tone(of: text))")
    }

    @Test func negationFlipsTheWordItReaches() {
        let happy = analyzer.tone(of: "I am happy")
        let notHappy = analyzer.tone(of: "I am not happy")
        #expect(happy.score > 0)
        #expect(notHappy.score < 0)
        #expect(notHappy.cues == ["not happy"])
    }

    @Test func intensifiersStrengthenAndDiminishersSoften() {
        let angry = analyzer.tone(of: "angry").score
        #expect(analyzer.tone(of: "very angry").score < angry)
        #expect(analyzer.tone(of: "slightly angry").score > angry)
        #expect(analyzer.tone(of: "very angry").cues == ["very angry"])
    }

    @Test func capitalsAndExclamationsRaiseTheVolume() {
        let plain = analyzer.tone(of: "this is terrible").score
        #expect(analyzer.tone(of: "this is TERRIBLE").score < plain)
        #expect(analyzer.tone(of: "this is terrible!!!").score < plain)
        #expect(analyzer.tone(of: "THIS IS TERRIBLE SERVICE").cues.contains("CAPS"))
        // Exclamations alone are not a tone.
        #expect(analyzer.tone(of: "hello!!!").label == .neutral)
    }

    @Test func curlyApostrophesNegateToo() {
        #expect(analyzer.tone(of: "I don’t like this").score < 0)
    }

    @Test func lexiconHasAFewHundredWords() {
        #expect(ToneLexicon.english.valences.count >= 300)
    }

    @Test func hugeInputIsBounded() {
        let text = String(repeating: "terrible ", count: 100_000)
        let tone = analyzer.tone(of: text)
        #expect(tone.label == .veryNegative)
        #expect(tone.cues.count <= ToneAnalyzer.maximumCharacters)
    }

    @Test func scoreStaysWithinMinusOneAndOne() {
        for text in ["", "!!!!", "love love love love love", "hate hate hate hate HATE!!!"] {
            let score = analyzer.tone(of: text).score
            #expect(score >= -1 && score <= 1)
        }
    }
}
