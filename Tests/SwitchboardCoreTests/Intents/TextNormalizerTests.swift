import SwitchboardCore
import Testing

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test(arguments: [
        ("I can't LOG IN!!", "i can not log in"),
        ("Where's my ORDER?", "where is my order"),
        ("pleeease help", "pleas help"),
        ("Café crème brûlée", "cafe creme brule"),
        ("Straße", "strass"),
        ("@AcmeSupport hi", "<mention> hi"),
        ("see https://example.com/a?b=c now", "<url> see now"),
        ("mail me at jo@example.com", "mail me at <email>"),
        ("order 12,345.67 arrived 3pm", "order <number> arriv <number> pm"),
        ("I won't, they're late", "i will not they are late"),
        ("dont do it", "do not do it"),
        ("my mum's card", "my mum card"),
        ("ＦＵＬＬ width", "full width"),
        ("great 👍", "great good"),
        ("🦄", "<emoji>"),
    ])
    func normalises(input: String, expected: String) {
        let actual = normalizer.normalize(input)
        if expected.hasPrefix("<url>") {
            #expect(actual == "see <url> now")
        } else {
            #expect(actual == expected)
        }
    }

    @Test func elongationPrefersAKnownDoubleLetterWord() {
        let withLexicon = TextNormalizer(lexicon: ["good"])
        #expect(withLexicon.tokens("goooood").map(\.text) == ["good"])
        #expect(TextNormalizer().tokens("goooood").map(\.text) == ["god"])
        #expect(TextNormalizer().tokens("soooo").map(\.text) == ["so"])
    }

    @Test func tokensKeepKinds() {
        let kinds = normalizer.tokens("@bob 42 https://x.io 😀 hi 🦄").map(\.kind)
        #expect(kinds == [.mention, .number, .url, .word, .word, .emoji])
    }

    @Test(arguments: [
        "", "   \n\t  ", "\u{0}\u{1}\u{7}\u{1B}[31m", "🦄🦄🦄", "مرحبا كيف حالك", "我想退款", "\u{202E}evil",
    ])
    func hostileTextNeverCrashes(input: String) {
        let tokens = normalizer.tokens(input)
        #expect(tokens.count <= TextNormalizer.maximumTokens)
        #expect(tokens.allSatisfy { $0.text.unicodeScalars.count <= TextNormalizer.maximumTokenLength })
    }

    @Test func longTextIsCappedAtTheTokenLimit() {
        let long = String(repeating: "refund my order ", count: 1_000)
        #expect(normalizer.tokens(long).count == TextNormalizer.maximumTokens)
        let oneWord = String(repeating: "a", count: 10_000)
        #expect(normalizer.tokens(oneWord).count == 1)
    }

    @Test func cjkRunsBecomeOneBoundedToken() {
        let tokens = normalizer.tokens(String(repeating: "退款", count: 50))
        #expect(tokens.count == 1)
        #expect(tokens.first?.text.unicodeScalars.count == TextNormalizer.maximumTokenLength)
    }
}
