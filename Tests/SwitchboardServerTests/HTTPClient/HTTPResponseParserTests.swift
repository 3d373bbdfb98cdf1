import SwitchboardCore
@testable import SwitchboardServer
import Testing

@Suite struct HTTPResponseParserTests {
    /// Feeds `text` in pieces of `step` bytes; returns the first complete response.
    static func parse(_ text: String, step: Int = Int.max, atEnd: Bool = false, head: Bool = false) throws -> HTTPResponseParser.Complete? {
        var parser = HTTPResponseParser(limits: .init(maxHeadBytes: 512, maxBodyBytes: 64), requestWasHead: head)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + min(step, bytes.count))
            if let complete = try parser.feed(bytes[offset..<end]) {
                #expect(end == bytes.count, "complete before all bytes arrived")
                return complete
            }
            offset = end
        }
        return atEnd ? try parser.finish() : nil
    }

    @Test(arguments: [1, 2, 7, 1000])
    func contentLengthBodyInAnyPieces(step: Int) throws {
        let complete = try #require(try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", step: step))
        #expect(complete.response.status == 200)
        #expect(complete.response.body == Array("hello".utf8))
        #expect(complete.response.headers["x-a"] == "b")
        #expect(complete.keepAlive)
    }

    @Test(arguments: [1, 3, 1000])
    func chunkedBodyWithExtensionsAndTrailers(step: Int) throws {
        let text = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;note=x\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let complete = try #require(try Self.parse(text, step: step))
        #expect(complete.response.status == 201)
        #expect(String(decoding: complete.response.body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(complete.keepAlive)
    }

    @Test func interimResponsesAreSkipped() throws {
        let complete = try #require(try Self.parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", step: 3))
        #expect(complete.response.status == 204)
        #expect(complete.response.body.isEmpty)
    }

    @Test func headResponsesHaveNoBodyWhateverTheLength() throws {
        let complete = try #require(try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", head: true))
        #expect(complete.response.body.isEmpty)
    }

    @Test func bodyWithoutLengthRunsToTheEndAndClosesTheConnection() throws {
        #expect(try Self.parse("HTTP/1.1 200 OK\r\n\r\npartial") == nil)
        let complete = try #require(try Self.parse("HTTP/1.1 200 OK\r\n\r\nall of it", atEnd: true))
        #expect(complete.response.body == Array("all of it".utf8))
        #expect(!complete.keepAlive)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", true),
        ("HTTP/1.1 200 OK\r\nConnection: keep-alive, Upgrade\r\nContent-Length: 0\r\n\r\n", true),
    ])
    func keepAliveFollowsVersionAndConnectionHeader(text: String, keepAlive: Bool) throws {
        #expect(try Self.parse(text)?.keepAlive == keepAlive)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", HTTPResponseParseError.truncated),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", .truncated),
        ("HTTP/1.1 200", .truncated),
        ("", .closedBeforeResponse),
    ])
    func endOfConnectionMidAnswerIsAnError(text: String, error: HTTPResponseParseError) {
        #expect(throws: error) { try Self.parse(text, atEnd: true) }
    }

    @Test(arguments: [
        ("HTTP/2 200\r\n\r\n", HTTPResponseParseError.unsupportedVersion("HTTP/2")),
        ("SSH-2.0-OpenSSH\r\n\r\n", .badStatusLine),
        ("HTTP/1.1 2000 OK\r\n\r\n", .badStatusLine),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", .badHeader),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", .badHeader),
        ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", .badContentLength("3")),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", .badContentLength("-1")),
        ("HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc", .badContentLength("+3")),
        ("HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n", .bodyTooLarge(limit: 64)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding("gzip")),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .badChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", .badChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n", .bodyTooLarge(limit: 64)),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", .badChunk),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabEXTRA", .unexpectedBytes),
    ])
    func malformedAnswersAreRefused(text: String, error: HTTPResponseParseError) {
        #expect(throws: error) { try Self.parse(text) }
    }

    @Test func headersBeyondTheLimitAreRefusedBeforeTheyEnd() {
        let text = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 600)
        #expect(throws: HTTPResponseParseError.headTooLarge(limit: 512)) { try Self.parse(text) }
    }

    /// One to four seeded edits of `bytes`: a byte removed, inserted or replaced (from `alphabet`).
    static func mutate(_ bytes: inout [UInt8], from alphabet: [UInt8], using generator: inout SeededGenerator) {
        for _ in 0..<(1 + Int(generator.next() % 4)) {
            let position = Int(generator.next() % UInt64(bytes.count + 1))
            switch generator.next() % 3 {
            case 0 where position < bytes.count: bytes.remove(at: position)
            case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
            default: if position < bytes.count { bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            }
        }
    }

    /// Seeded random mutations of valid answers: any outcome but a crash or a hang.
    @Test func mutatedAnswersNeverCrash() {
        let seeds = [
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n0\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nbody",
        ].map { Array($0.utf8) }
        var generator = SeededGenerator(seed: 20261123)
        let alphabet = Array("0123456789abcdefHTP/ :;\r\n-".utf8) + [0, 0xFF]
        for round in 0..<3000 {
            var bytes = seeds[round % seeds.count]
            HTTPResponseParserTests.mutate(&bytes, from: alphabet, using: &generator)
            var parser = HTTPResponseParser(limits: .init(maxHeadBytes: 256, maxBodyBytes: 64))
            let step = 1 + Int(generator.next() % 8)
            var done = false
            var offset = 0
            while offset < bytes.count && !done {
                let end = min(bytes.count, offset + step)
                do { done = try parser.feed(bytes[offset..<end]) != nil } catch { done = true }
                offset = end
            }
            if !done { _ = try? parser.finish() }
        }
    }
}

@Suite struct PlainHTTPURLTests {
    @Test(arguments: [
        ("http://127.0.0.1:8090/1.1/direct_messages/events/new.json", "127.0.0.1", 8090, "127.0.0.1:8090", "/1.1/direct_messages/events/new.json"),
        ("http://Example.com", "Example.com", 80, "Example.com", "/"),
        ("HTTP://proxy.local:80/a?b=c#frag", "proxy.local", 80, "proxy.local", "/a?b=c"),
        ("http://[::1]:9000?q=1", "::1", 9000, "[::1]:9000", "/?q=1"),
    ])
    func partsOfPlainURLs(text: String, host: String, port: Int, hostField: String, target: String) throws {
        let url = try #require(PlainHTTPURL(text))
        #expect(url == PlainHTTPURL(host: host, port: port, hostField: hostField, target: target))
    }

    @Test(arguments: [
        "https://api.twitter.com/x", "http://", "http://user:pw@host/", "http://host:0/", "http://host:65536/",
        "http://host:12ab/", "http://[::1/", "http://host/a b", "ftp://host/", "/relative",
    ])
    func otherURLsAreNotForThisClient(text: String) {
        #expect(PlainHTTPURL(text) == nil)
    }
}

extension PlainHTTPURL {
    init(host: String, port: Int, hostField: String, target: String) {
        self.init("http://placeholder/")!
        self.host = host
        self.port = port
        self.hostField = hostField
        self.target = target
    }
}

/// The single-pass head parser against the straightforward one it replaced (split into lines,
/// then fields): the same head or the same error for valid, odd and mutated answers.
@Suite struct HTTPResponseHeadParserDifferentialTests {
    typealias Head = HTTPResponseParser.Head

    /// The former implementation, kept as the specification.
    static func reference(_ bytes: ArraySlice<UInt8>, requestWasHead: Bool) throws(HTTPResponseParseError) -> Head {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        guard !lines.isEmpty else { throw .badStatusLine }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 3, parts[1].allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .badStatusLine
        }
        let version = String(decoding: parts[0], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion(version) }
        let status = parts[1].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                !line[..<colon].contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            else { throw .badHeader }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[line.index(after: colon)...], as: UTF8.self).trimmingASCIIWhitespace()
            headers.add(name: name, value: String(value))
        }
        let connection = headers.tokens(for: "connection")
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        let framing: HTTPResponseParser.Framing
        let codings = headers.tokens(for: "transfer-encoding")
        if requestWasHead || status == 204 || status == 304 {
            framing = .length(0)
        } else if !codings.isEmpty {
            guard codings.last == "chunked" else { throw .unsupportedTransferEncoding(codings.joined(separator: ", ")) }
            framing = .chunked
        } else if let lengthText = headers["content-length"] {
            let lengths = Set(headers.values(for: "content-length").flatMap { $0.split(separator: ",") }.map { String($0.trimmingASCIIWhitespace()) })
            guard lengths.count == 1, let only = lengths.first, only.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let length = Int(only)
            else { throw .badContentLength(lengthText) }
            framing = .length(length)
        } else {
            framing = .untilClose
        }
        if case .untilClose = framing { return Head(status: status, headers: headers, keepAlive: false, framing: framing) }
        return Head(status: status, headers: headers, keepAlive: keepAlive, framing: framing)
    }

    static func outcome(_ parse: () throws(HTTPResponseParseError) -> Head) -> Result<Head, HTTPResponseParseError> {
        do { return .success(try parse()) } catch { return .failure(error) }
    }

    static func agree(_ text: [UInt8], head: Bool = false) -> Bool {
        let bytes = text[...]
        let new = outcome { () throws(HTTPResponseParseError) in try HTTPResponseParser.parseHead(bytes, requestWasHead: head) }
        let old = outcome { () throws(HTTPResponseParseError) in try reference(bytes, requestWasHead: head) }
        return new == old
    }

    static let heads = [
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 512\r\nx-rate-limit-reset: 1700000000",
        "HTTP/1.1 200", "HTTP/1.1 200 ", "HTTP/1.1  200 OK", "HTTP/1.1 2000 OK", "HTTP/1.0 204 No Content",
        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive, x\r\nContent-Length: 1", "HTTP/1.1 429 Too Many\r\nConnection: close",
        "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-length: 3", "HTTP/1.1 200 OK\r\nContent-Length: 3,4",
        "HTTP/1.1 200 OK\r\nContent-Length:", "HTTP/1.1 200 OK\r\nContent-Length: 007", "HTTP/1.1 200 OK\r\nContent-Length:  12 \t",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999", "HTTP/1.1 200 OK\r\nTransfer-Encoding: ,",
        "HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: gzip, Chunked\r\nContent-Length: 5", "HTTP/1.1 200 OK\nX: y\n",
        "HTTP/1.1 200 OK\r\n\r\nX: y", "HTTP/1.1 200 OK\r\n: empty name", "HTTP/1.1 200 OK\r\nA\tB: c", "HTTP/1.1 200 OK\r\nA:  spaced out  ",
        "HTTP/2 200", "", "\r", "HTTP/1.1", "HTTP/1.1 20x OK", "HTTP/1.1 304 Not Modified\r\nContent-Length: 9",
    ]

    @Test(arguments: heads)
    func sameHeadOrErrorAsTheReference(text: String) {
        #expect(Self.agree(Array(text.utf8)), "\(text.debugDescription)")
        #expect(Self.agree(Array(text.utf8), head: true), "HEAD: \(text.debugDescription)")
    }

    @Test func sameOutcomeOnMutatedHeads() {
        var generator = SeededGenerator(seed: 20261203)
        let alphabet = Array("0123456789 :,\t\r\nHTP/.-aAcCeEkKnN".utf8) + [0, 0xC3, 0xA9, 0xFF]
        var disagreements: [String] = []
        for round in 0..<20_000 {
            var bytes = Array(Self.heads[round % Self.heads.count].utf8)
            HTTPResponseParserTests.mutate(&bytes, from: alphabet, using: &generator)
            if !Self.agree(bytes) && disagreements.count < 5 { disagreements.append(String(decoding: bytes, as: UTF8.self).debugDescription) }
        }
        #expect(disagreements.isEmpty)
    }
}
