import SwitchboardServer
import Testing

/// Feeds `text` at once and drains the parser: every request, then the final outcome.
func parseAll(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> [HTTPRequestParser.Outcome] {
    var parser = HTTPRequestParser(limits: limits)
    parser.append(Array(text.utf8))
    var outcomes: [HTTPRequestParser.Outcome] = []
    for _ in 0..<100 {
        let outcome = parser.next()
        outcomes.append(outcome)
        if case .request = outcome { continue }
        break
    }
    return outcomes
}

/// The single request in `text`, or nil.
func parseOne(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPRequest? {
    if case .request(let request) = parseAll(text, limits: limits).first { return request }
    return nil
}

/// The error the parser answers for `text`, or nil.
func parseError(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPParseError? {
    if case .failed(let error) = parseAll(text, limits: limits).last { return error }
    return nil
}

@Suite struct HTTPRequestParserTests {
    @Test func parsesASimpleGet() throws {
        let request = try #require(parseOne("GET /health?x=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: t\r\n\r\n"))
        #expect(request.method == .get)
        #expect(request.target == "/health?x=1")
        #expect(request.path == "/health")
        #expect(request.query == "x=1")
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "localhost")
        #expect(request.headers["USER-AGENT"] == "t")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func parsesAPostBodyByContentLength() throws {
        let request = try #require(parseOne("POST /w HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(request.body == Array("hello".utf8))
    }

    @Test func waitsForTheRestOfAHeadAndBody() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /w HTTP/1.1\r\nHost: a\r\nContent-".utf8))
        #expect(parser.next() == .needMoreBytes)
        #expect(parser.hasPartialRequest)
        parser.append(Array("Length: 4\r\n\r\nab".utf8))
        #expect(parser.next() == .needMoreBytes)
        parser.append(Array("cd".utf8))
        guard case .request(let request) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("abcd".utf8))
        #expect(parser.next() == .needMoreBytes)
        #expect(!parser.hasPartialRequest)
    }

    @Test func parsesPipelinedRequestsFromOneBufferInOrder() {
        let outcomes = parseAll(
            "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /3 HTTP/1.1\r\nHost: a\r\n\r\n")
        let targets = outcomes.compactMap { outcome -> String? in
            if case .request(let request) = outcome { return request.target }
            return nil
        }
        #expect(targets == ["/1", "/2", "/3"])
        #expect(outcomes.last == .needMoreBytes)
    }

    @Test func byteByByteFeedingGivesTheSameRequest() throws {
        let text = "POST /w?q=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nX-A: b\r\n\r\nxyz"
        var parser = HTTPRequestParser()
        var result: HTTPRequest?
        for byte in text.utf8 {
            parser.append([byte])
            if case .request(let request) = parser.next() { result = request }
        }
        let parsed = try #require(result)
        #expect(parsed == parseOne(text))
    }

    @Test func acceptsBareLineFeedsAndOneLeadingEmptyLine() throws {
        let request = try #require(parseOne("\r\nGET / HTTP/1.1\nHost: a\n\n"))
        #expect(request.headers["Host"] == "a")
    }

    @Test func trimsOptionalWhitespaceAroundHeaderValues() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost:   a b \t\r\nX-Empty:\r\n\r\n"))
        #expect(request.headers["host"] == "a b")
        #expect(request.headers["x-empty"] == "")
    }

    @Test func keepsDuplicateHeadersInOrder() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost: a\r\nAccept: x\r\naccept: y\r\n\r\n"))
        #expect(request.headers.values(for: "Accept") == ["x", "y"])
    }

    // MARK: Keep-alive

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
    ])
    func keepAliveFollowsVersionAndConnectionHeader(text: String, keepAlive: Bool) throws {
        #expect(try #require(parseOne(text)).keepAlive == keepAlive)
    }

    // MARK: Errors and their status codes

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
        "GET / http/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/11\r\nHost: a\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET nopath HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n",
        "\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
    ])
    func malformedRequestLinesAre400(text: String) {
        #expect(parseError(text) == .invalidRequestLine)
        #expect(parseError(text)?.status.code == 400)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost a\r\n\r\n", HTTPParseError.invalidHeaderLine),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", .invalidHeaderLine),
        ("GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", .invalidHeaderLine),
        ("GET / HTTP/1.1\r\nHost: a\u{1}b\r\n\r\n", .invalidHeaderLine),
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\n\r\n", .invalidHost),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 3\r\n\r\nab", .invalidContentLength),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", .invalidContentLength),
    ])
    func malformedHeadersAre400(text: String, error: HTTPParseError) {
        #expect(parseError(text) == error)
        #expect(error.status == .badRequest)
    }

    @Test func repeatedIdenticalContentLengthsAreAccepted() throws {
        let request = try #require(parseOne("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok"))
        #expect(request.body == Array("ok".utf8))
    }

    @Test func longRequestLineIs414BeforeTheLineEnds() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64)
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(("GET /" + String(repeating: "a", count: 100)).utf8))
        #expect(parser.next() == .failed(.requestLineTooLong(limit: 64)))
        #expect(HTTPParseError.requestLineTooLong(limit: 64).status.code == 414)
    }

    @Test func requestLineOfExactlyTheLimitIsAccepted() {
        let limits = HTTPParserLimits(maxRequestLineBytes: 64)
        let line = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(line.utf8.count == 64)
        var parser = HTTPRequestParser(limits: limits)
        // Byte-by-byte so the limit check runs while the CR has arrived and the LF has not.
        for byte in (line + "\r\nHost: a\r\n\r\n").utf8 {
            parser.append([byte])
            if case .failed(let error) = parser.next() { Issue.record("rejected at the limit: \(error)") }
        }
        #expect(parseOne(line + "\r\nHost: a\r\n\r\n", limits: limits) != nil)
        #expect(parseError("GET /a" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1\r\n\r\n", limits: limits) == .requestLineTooLong(limit: 64))
    }

    @Test func hugeHeaderIs431EvenBeforeItsLineEnds() {
        let limits = HTTPParserLimits(maxHeaderBytes: 256)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 300), limits: limits) == .headersTooLarge(limit: 256))
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 300) + "\r\n\r\n", limits: limits) == .headersTooLarge(limit: 256))
        #expect(HTTPParseError.headersTooLarge(limit: 1).status.code == 431)
    }

    @Test func manySmallHeadersAre431() {
        let limits = HTTPParserLimits(maxHeaderCount: 5)
        let headers = (0..<6).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n", limits: limits) == .tooManyHeaders(limit: 5))
        #expect(parseOne("GET / HTTP/1.1\r\nHost: a\r\n" + (0..<4).map { "X-\($0): v\r\n" }.joined() + "\r\n", limits: limits) != nil)
    }

    @Test func oversizedBodyIs413FromTheHeadAlone() {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == .bodyTooLarge(limit: 10))
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n") == .bodyTooLarge(limit: 1 << 20))
        #expect(parseOne("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: limits) != nil)
        #expect(HTTPParseError.bodyTooLarge(limit: 1).status.code == 413)
    }

    @Test(arguments: ["chunked", "gzip, chunked", "identity", "x-custom", ""])
    func anyTransferEncodingIs501(coding: String) {
        let error = parseError("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \(coding)\r\n\r\n")
        #expect(error?.status.code == 501)
    }

    @Test func transferEncodingWithContentLengthIsStillRejected() {
        #expect(parseError("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")?.status.code == 501)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0"])
    func otherVersionsAre505(version: String) {
        let error = parseError("GET / \(version)\r\nHost: a\r\n\r\n")
        #expect(error == .unsupportedVersion(version))
        #expect(error?.status.code == 505)
    }

    @Test(arguments: ["POST", "PUT", "PATCH"])
    func bodyMethodsWithoutContentLengthAre411(method: String) {
        #expect(parseError("\(method) / HTTP/1.1\r\nHost: a\r\n\r\n")?.status.code == 411)
    }

    @Test func getAndDeleteWithoutContentLengthHaveNoBody() {
        #expect(parseOne("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\n")?.body == [])
    }

    @Test func errorsStickAndDropBufferedBytes() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(parser.next() == .failed(.invalidRequestLine))
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(parser.next() == .failed(.invalidRequestLine))
        #expect(!parser.hasPartialRequest)
    }

    @Test func expectContinueIsReportedOnceWhileTheBodyIsMissing() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.next() == .needMoreBytes)
        let first = parser.takeContinueRequest()
        let second = parser.takeContinueRequest()
        #expect(first)
        #expect(!second)
        parser.append(Array("ok".utf8))
        if case .request(let request) = parser.next() {
            #expect(request.body == Array("ok".utf8))
        } else {
            Issue.record("expected the request")
        }
    }

    @Test func errorDescriptionsSayWhatToDo() {
        #expect(HTTPParseError.unsupportedTransferEncoding("chunked").description.contains("Content-Length"))
        #expect(HTTPParseError.unsupportedVersion("HTTP/2.0").description.contains("HTTP/1.1"))
    }
}
