/// An incremental HTTP/1.1 request parser: a state machine fed byte buffers, with no I/O.
///
/// Feed received bytes with `append(_:)`, then call `next()` until it answers `.needMoreBytes`;
/// several pipelined requests in one buffer come out one per call. After `.failed` the parser
/// stays failed: answer with `error.status` and close the connection. Memory is bounded by the
/// limits plus what the caller appends before calling `next()`.
public struct HTTPRequestParser: Sendable {
    /// The answer to `next()`.
    public enum Outcome: Sendable, Equatable {
        case request(HTTPRequest)
        case needMoreBytes
        case failed(HTTPParseError)
    }

    /// The request head while its header lines are being read.
    struct PartialHead: Sendable {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var headers = HTTPHeaders()
        var headerBytes = 0
    }

    /// A complete head waiting for `contentLength` body bytes.
    struct CompleteHead: Sendable {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var headers: HTTPHeaders
        var keepAlive: Bool
        var contentLength: Int
        var expectsContinue: Bool
    }

    enum State: Sendable {
        case requestLine(emptyLinesSkipped: Int)
        case headers(PartialHead)
        case body(CompleteHead)
        case failed(HTTPParseError)
    }

    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one).
    static let maxLeadingEmptyLines = 4
    /// Consumed bytes kept at the buffer's front before compacting; trades copying for memory.
    static let compactionThreshold = 16 * 1024

    public let limits: HTTPParserLimits
    private var state: State = .requestLine(emptyLinesSkipped: 0)
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte.
    private var start = 0
    /// Where the search for the next line feed resumes, so slow clients don't cause rescans.
    private var scanned = 0
    private var continueRequested = false

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Buffers received bytes. Cheap; parsing happens in `next()`.
    public mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        buffer.append(contentsOf: bytes)
    }

    /// Buffers received bytes from raw memory.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// True when some bytes of a next request have arrived (a close now would truncate it).
    public var hasPartialRequest: Bool {
        switch state {
        case .requestLine: start < buffer.count
        case .headers, .body: true
        case .failed: false
        }
    }

    /// True while the head is complete and body bytes are still due (body-read timeout applies).
    public var isReadingBody: Bool {
        if case .body = state { return true }
        return false
    }

    /// True once per request whose head said `Expect: 100-continue` and whose body has not fully
    /// arrived: the caller should send `HTTP/1.1 100 Continue` so the client sends the body.
    public mutating func takeContinueRequest() -> Bool {
        guard case .body(let head) = state, head.expectsContinue, !continueRequested else { return false }
        continueRequested = true
        return true
    }

    /// Parses as far as the buffered bytes allow and returns the next request, `.needMoreBytes`,
    /// or `.failed`. Each call consumes at most one request.
    public mutating func next() -> Outcome {
        // Each pass consumes a line or finishes a body, so the loop ends within the buffered bytes.
        while true {
            switch state {
            case .failed(let error):
                return .failed(error)
            case .requestLine(let emptyLinesSkipped):
                guard let line = nextLine(limit: limits.maxRequestLineBytes) else {
                    // The line may still end in CR LF right after `limit` bytes.
                    if buffer.count - start > limits.maxRequestLineBytes + 1 {
                        return fail(.requestLineTooLong(limit: limits.maxRequestLineBytes))
                    }
                    return .needMoreBytes
                }
                if line.isEmpty {
                    guard emptyLinesSkipped < Self.maxLeadingEmptyLines else { return fail(.invalidRequestLine) }
                    state = .requestLine(emptyLinesSkipped: emptyLinesSkipped + 1)
                    continue
                }
                if line.count > limits.maxRequestLineBytes {
                    return fail(.requestLineTooLong(limit: limits.maxRequestLineBytes))
                }
                switch Self.parseRequestLine(line) {
                case .success(let head): state = .headers(head)
                case .failure(let error): return fail(error)
                }
            case .headers(var head):
                let remaining = limits.maxHeaderBytes - head.headerBytes
                guard let line = nextLine(limit: remaining) else {
                    if buffer.count - start > remaining { return fail(.headersTooLarge(limit: limits.maxHeaderBytes)) }
                    return .needMoreBytes
                }
                head.headerBytes += line.count + 2
                if head.headerBytes > limits.maxHeaderBytes { return fail(.headersTooLarge(limit: limits.maxHeaderBytes)) }
                if line.isEmpty {
                    switch finish(head) {
                    case .success(let complete):
                        continueRequested = false
                        state = .body(complete)
                    case .failure(let error): return fail(error)
                    }
                    continue
                }
                guard head.headers.count < limits.maxHeaderCount else {
                    return fail(.tooManyHeaders(limit: limits.maxHeaderCount))
                }
                switch Self.parseHeaderLine(line) {
                case .success(let field): head.headers.add(name: field.name, value: field.value)
                case .failure(let error): return fail(error)
                }
                state = .headers(head)
            case .body(let head):
                guard buffer.count - start >= head.contentLength else { return .needMoreBytes }
                let body = Array(buffer[start..<(start + head.contentLength)])
                start += head.contentLength
                scanned = start
                compact()
                state = .requestLine(emptyLinesSkipped: 0)
                return .request(
                    HTTPRequest(
                        method: head.method, target: head.target, version: head.version, headers: head.headers,
                        body: body, keepAlive: head.keepAlive))
            }
        }
    }

    private mutating func fail(_ error: HTTPParseError) -> Outcome {
        state = .failed(error)
        buffer = []
        start = 0
        scanned = 0
        return .failed(error)
    }

    /// Drops consumed bytes once enough have piled up.
    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            start = 0
            scanned = 0
        } else if start >= Self.compactionThreshold {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
    }

    /// The next line without its terminator (CRLF, or a bare LF as RFC 9112 §2.2 allows), or nil
    /// if no line feed has arrived within `limit + 2` bytes. Advances past the line.
    private mutating func nextLine(limit: Int) -> ArraySlice<UInt8>? {
        let searchEnd = min(buffer.count, start + limit + 2)
        var index = max(scanned, start)
        while index < searchEnd {
            if buffer[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = index + 1
                scanned = start
                return line
            }
            index += 1
        }
        scanned = index
        return nil
    }

    // MARK: Line grammar

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<PartialHead, HTTPParseError> {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter), !parts[1].isEmpty,
            parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return .failure(.invalidRequestLine) }
        let target = parts[1]
        guard target.first == UInt8(ascii: "/") || target.elementsEqual("*".utf8) || target.starts(with: "http://".utf8)
            || target.starts(with: "https://".utf8)
        else { return .failure(.invalidRequestLine) }
        let version = parts[2]
        guard version.count == 8, version.starts(with: "HTTP/".utf8),
            let major = digitValue(version[version.startIndex + 5]),
            version[version.startIndex + 6] == UInt8(ascii: "."),
            let minor = digitValue(version[version.startIndex + 7])
        else { return .failure(.invalidRequestLine) }
        let parsedVersion = HTTPVersion(major: major, minor: minor)
        guard parsedVersion == .http1_1 || parsedVersion == .http1_0 else {
            return .failure(.unsupportedVersion(parsedVersion.description))
        }
        return .success(
            PartialHead(
                method: HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self)),
                target: String(decoding: target, as: UTF8.self), version: parsedVersion))
    }

    private static func parseHeaderLine(_ line: ArraySlice<UInt8>) -> Result<HTTPHeaders.Field, HTTPParseError> {
        guard let first = line.first else { return .failure(.invalidHeaderLine) }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return .failure(.obsoleteLineFolding) }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return .failure(.invalidHeaderLine) }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else { return .failure(.invalidHeaderLine) }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeFirst() }
        while let byte = value.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeLast() }
        // Field values may hold visible ASCII, spaces, tabs and obs-text (0x80–0xFF), never controls.
        guard value.allSatisfy({ $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(.invalidHeaderLine)
        }
        return .success(
            HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
    }

    /// Applies the message-level rules once the head is complete (RFC 9112 §6.3).
    private func finish(_ head: PartialHead) -> Result<CompleteHead, HTTPParseError> {
        let headers = head.headers
        if head.version == .http1_1, headers.values(for: "Host").count != 1 { return .failure(.invalidHost) }
        let transferCodings = headers.tokens(for: "Transfer-Encoding")
        if let coding = transferCodings.last ?? (headers["Transfer-Encoding"] != nil ? "" : nil) {
            return .failure(.unsupportedTransferEncoding(coding))
        }
        var contentLength: Int?
        for value in headers.values(for: "Content-Length") {
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = item.trimmingASCIIWhitespace()
                guard !digits.isEmpty, digits.utf8.allSatisfy({ digitValue($0) != nil }) else {
                    return .failure(.invalidContentLength)
                }
                // Longer than the limit's digits means larger than the limit; no overflow possible.
                guard digits.utf8.count <= 18, let length = Int(digits) else { return .failure(.bodyTooLarge(limit: limits.maxBodyBytes)) }
                if let previous = contentLength, previous != length { return .failure(.invalidContentLength) }
                contentLength = length
            }
        }
        if let contentLength, contentLength > limits.maxBodyBytes { return .failure(.bodyTooLarge(limit: limits.maxBodyBytes)) }
        if contentLength == nil, head.method.requiresContentLength { return .failure(.lengthRequired(method: head.method)) }
        let connection = headers.tokens(for: "Connection")
        let keepAlive =
            head.version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive") && !connection.contains("close")
        let expectsContinue = head.version == .http1_1 && headers.tokens(for: "Expect").contains("100-continue")
        return .success(
            CompleteHead(
                method: head.method, target: head.target, version: head.version, headers: headers, keepAlive: keepAlive,
                contentLength: contentLength ?? 0, expectsContinue: expectsContinue && (contentLength ?? 0) > 0))
    }

    /// `tchar` from RFC 9110 §5.6.2.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

private func digitValue(_ byte: UInt8) -> Int? {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
}
