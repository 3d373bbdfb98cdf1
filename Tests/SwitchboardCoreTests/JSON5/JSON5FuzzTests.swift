import Testing

@testable import SwitchboardCore

/// A small deterministic generator (SplitMix64), so a failure reproduces from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct JSON5FuzzTests {
    static let sample = Array(
        """
        // sample
        {
          flow: "fuzz", start: 'a', session: { expireAfterMinutes: 0x10 },
          commands: [{ words: ["menu"], goto: "a" }],
          states: {
            a: { say: ["Hi {{user.name}}", 'é\\u00e9\\n'], options: [{ label: "B", goto: "b" }], onText: "classify" },
            "b": { say: "Zip?", ask: { slot: "zip", pattern: "^[0-9]{5}$", maxRetries: 2 }, next: "c", },
            c: { say: "Bye {{slot.zip}}", end: true, /* done */ },
          },
        }
        """.utf8)
    static let intents = Array(
        """
        { settings: { threshold: 0.5, ambiguityMargin: .1, fallbackQueue: 'q' },
          intents: { a: { label: "A", examples: ["one", "two", "three", "four", "five"], keywords: ["k"],
                          reply: { say: "Hi {{user.name}}", options: [{ label: "X", goto: "a" }] }, threshold: 0.7 },
                     b: { examples: ["six"], handoff: { queue: "q" } } },
          outOfScope: ["weather"] }
        """.utf8)
    static let interesting: [UInt8] = Array("{}[]:,'\"\\/*\n .0xe+-u{".utf8) + [0x00, 0xC3, 0xE2, 0xFF, 0x80]

    @Test func unmutatedSamplesLoadWithoutErrors() {
        let load = BotLoader.load(files: [
            SourceFile(path: "flows/fuzz.json5", bytes: Self.sample),
            SourceFile(path: "intents/fuzz.json5", bytes: Self.intents),
        ])
        #expect(load.errors.isEmpty, "\(DiagnosticRenderer.text(load.diagnostics))")
    }

    /// Random mutations (flip, insert, delete, duplicate a slice) must never crash or hang, and a
    /// parse either yields a value or reports an error, never neither.
    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func mutatedInputNeverCrashes(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<400 {
            var bytes = Self.sample
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0..<max(1, bytes.count), using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !bytes.isEmpty:
                    bytes[index] = Self.interesting.randomElement(using: &random) ?? 0
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: min(index, bytes.count))
                case 2 where !bytes.isEmpty: bytes.remove(at: index)
                default:
                    let end = min(bytes.count, index + Int.random(in: 0...20, using: &random))
                    bytes.insert(contentsOf: bytes[min(index, end)..<end], at: min(index, bytes.count))
                }
            }
            let result = JSON5Parser.parse(bytes, file: "fuzz.json5")
            let hasError = result.diagnostics.contains { $0.severity == .error }
            #expect(result.value != nil || hasError)
            // The whole loader must survive it too.
            let load = BotLoader.load(files: [
                SourceFile(path: "flows/fuzz.json5", bytes: bytes),
                SourceFile(path: "intents/fuzz.json5", bytes: mutated(Self.intents, using: &random)),
            ])
            #expect(load.definition != nil || !load.errors.isEmpty)
            for diagnostic in load.diagnostics {
                _ = DiagnosticRenderer.text([diagnostic], sources: ["flows/fuzz.json5": bytes])
            }
        }
    }

    /// One random edit of `bytes`.
    func mutated(_ bytes: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let index = Int.random(in: 0..<bytes.count, using: &random)
        if Bool.random(using: &random) {
            bytes[index] = Self.interesting.randomElement(using: &random) ?? 0
        } else {
            bytes.remove(at: index)
        }
        return bytes
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededGenerator(seed: 42)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in Self.interesting.randomElement(using: &random) ?? 0 }
            let result = JSON5Parser.parse(bytes, file: "noise.json5")
            #expect(result.value != nil || !result.diagnostics.isEmpty)
        }
    }
}
