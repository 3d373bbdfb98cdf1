import SwitchboardCore

/// Seeded random-mutation fuzzing of `HTTPRequestParser`: mutates valid requests, feeds them in
/// random chunks and checks that every answer is a defined outcome, that no call loops, and that
/// chunked feeding agrees with feeding the same bytes at once.
///
/// Tests run a few thousand iterations; `switchboard-bench http --fuzz N` runs longer.
public enum HTTPParserFuzzer {
    /// What one fuzz run found. `violations` is empty when the parser behaved.
    public struct Report: Sendable {
        public var iterations = 0
        public var requests = 0
        public var failures: [Int: Int] = [:]
        public var incomplete = 0
        public var violations: [String] = []
    }

    /// Limits small enough that mutations reach every limit quickly.
    public static let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 2048)

    /// Valid requests the mutations start from.
    static let corpus: [[UInt8]] = [
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /webhooks/x?crc_token=abc%2B1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: X\r\n\r\n",
        "POST /webhooks/x HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\n"
            + "x-twitter-webhooks-signature: sha256=pIVY+3zwPm/EzfuCL3TG8Vo7zaiXw3IiV0CrdMowlyM=\r\n"
            + "Content-Length: 27\r\n\r\n{\"for_user_id\":\"1\",\"a\":[]}",
        "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "PUT /x HTTP/1.1\nHost: a\nContent-Length: 3\n\nabcPOST /y HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
    ].map { Array($0.utf8) }

    /// Bytes that sit on grammar boundaries, so mutations hit interesting paths.
    static let interestingBytes: [UInt8] = Array(" \t\r\n:/?%0123456789,".utf8) + [0, 0x7F, 0x80, 0xFF]

    /// Runs `iterations` mutated inputs from `seed`. Deterministic for a given seed.
    public static func run(seed: UInt64, iterations: Int) -> Report {
        var random = SeededGenerator(seed: seed)
        var report = Report()
        for iteration in 0..<iterations {
            let input = mutated(corpus[Int(random.next() % UInt64(corpus.count))], using: &random)
            let whole = outcomes(feeding: [input], iteration: iteration, report: &report)
            let chunks = split(input, using: &random)
            let chunked = outcomes(feeding: chunks, iteration: iteration, report: &report)
            if whole != chunked {
                report.violations.append("iteration \(iteration): chunked feeding disagrees with one buffer for \(escaped(input))")
            }
            for outcome in whole {
                switch outcome {
                case .request: report.requests += 1
                case .failed(let error): report.failures[error.status.code, default: 0] += 1
                case .needMoreBytes: report.incomplete += 1
                }
            }
            report.iterations += 1
            if report.violations.count >= 20 { break }
        }
        return report
    }

    /// Feeds `chunks` and drains the parser after each; returns requests then the final answer.
    static func outcomes(feeding chunks: [[UInt8]], iteration: Int, report: inout Report) -> [HTTPRequestParser.Outcome] {
        var parser = HTTPRequestParser(limits: limits)
        var results: [HTTPRequestParser.Outcome] = []
        let totalBytes = chunks.reduce(0) { $0 + $1.count }
        // Every `.request` consumes at least one byte, so more calls than bytes means a loop.
        var callBudget = totalBytes + 2 * chunks.count + 4
        for chunk in chunks {
            parser.append(chunk)
            draining: while callBudget > 0 {
                callBudget -= 1
                let outcome = parser.next()
                switch outcome {
                case .request(let request):
                    check(request, iteration: iteration, report: &report)
                    results.append(outcome)
                case .needMoreBytes:
                    break draining
                case .failed:
                    if parser.next() != outcome {
                        report.violations.append("iteration \(iteration): the failed state did not stick")
                    }
                    results.append(outcome)
                    return results
                }
            }
            if callBudget <= 0 {
                report.violations.append("iteration \(iteration): parser did not settle within its call budget")
                return results
            }
        }
        results.append(.needMoreBytes)
        return results
    }

    private static func check(_ request: HTTPRequest, iteration: Int, report: inout Report) {
        if request.body.count > limits.maxBodyBytes { report.violations.append("iteration \(iteration): body over the limit") }
        if request.headers.count > limits.maxHeaderCount { report.violations.append("iteration \(iteration): too many headers") }
        if request.version != .http1_1 && request.version != .http1_0 {
            report.violations.append("iteration \(iteration): unsupported version accepted")
        }
        if request.target.utf8.count > limits.maxRequestLineBytes {
            report.violations.append("iteration \(iteration): target over the request-line limit")
        }
    }

    /// Applies one to four random mutations.
    static func mutated(_ seed: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch random.next() % 8 {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8(random.next() % 8)
            case 1 where !bytes.isEmpty:
                bytes[position] = interestingBytes[Int(random.next() % UInt64(interestingBytes.count))]
            case 2:
                let count = 1 + Int(random.next() % 8)
                bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(random.next() % 16))
                bytes.removeSubrange(position..<end)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(random.next() % 64))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 5:
                bytes = Array(bytes.prefix(position))
            case 6:
                let filler = interestingBytes[Int(random.next() % UInt64(interestingBytes.count))]
                let run = [UInt8](repeating: random.next() % 2 == 0 ? UInt8(ascii: "A") : filler, count: Int(random.next() % 3000))
                bytes.insert(contentsOf: run, at: position)
            default:
                let digits = Array(String(random.next() % 100_000).utf8)
                bytes.insert(contentsOf: digits, at: position)
            }
        }
        return bytes
    }

    /// Splits into random chunks of 1–64 bytes (sometimes one byte at a time).
    static func split(_ bytes: [UInt8], using random: inout SeededGenerator) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var offset = 0
        let maxChunk = random.next() % 4 == 0 ? 1 : 64
        while offset < bytes.count {
            let size = 1 + Int(random.next() % UInt64(maxChunk))
            let end = min(bytes.count, offset + size)
            chunks.append(Array(bytes[offset..<end]))
            offset = end
        }
        return chunks
    }

    private static func escaped(_ bytes: [UInt8]) -> String {
        String(bytes.prefix(200).map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x\(String($0, radix: 16))" }.joined())
    }
}
