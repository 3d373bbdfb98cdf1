/// Reads one HTTP/1.x response from bytes as they arrive: status line, header fields, and a body
/// framed by `Content-Length`, `Transfer-Encoding: chunked`, or the end of the connection.
///
/// Pure (no I/O), so it is unit-tested and fuzzed like the server's request parser. Interim
/// `1xx` responses are skipped. Every size is bounded by `HTTPResponseParser.Limits`.
struct HTTPResponseParser {
    struct Limits: Sendable {
        /// Status line and header fields together; X's answers carry about 1 KiB of headers.
        var maxHeadBytes = 16 * 1024
        /// The body, decoded; X's DM answers are a few KiB.
        var maxBodyBytes = 1 << 20
    }

    /// A whole response, and whether the connection may carry another request.
    struct Complete: Equatable {
        var response: HTTPClientResponse
        var keepAlive: Bool
    }

    enum Framing: Equatable {
        case length(Int)
        case chunked
        case untilClose
    }

    struct Head: Equatable {
        var status: Int
        var headers: HTTPHeaders
        var keepAlive: Bool
        var framing: Framing
    }

    let limits: Limits
    /// Whether the request was HEAD: its response has headers only.
    let requestWasHead: Bool
    private var buffer: [UInt8] = []
    private var head: Head?
    /// Where the body starts in `buffer` once the head is read.
    private var bodyStart = 0
    // Chunked decoding state: decoded bytes so far and the read position in `buffer`.
    private var decoded: [UInt8] = []
    private var chunkCursor = 0
    private var chunkedDone = false

    init(limits: Limits = Limits(), requestWasHead: Bool = false) {
        self.limits = limits
        self.requestWasHead = requestWasHead
    }

    /// Adds bytes from the connection; returns the response once it is complete, nil while more
    /// is needed. Bytes after a complete response are an error (we never pipeline requests).
    mutating func feed(_ bytes: some Collection<UInt8>) throws(HTTPResponseParseError) -> Complete? {
        buffer.append(contentsOf: bytes)
        return try advance(atEnd: false)
    }

    /// The connection ended: returns the response if it was complete (or framed by the end).
    mutating func finish() throws(HTTPResponseParseError) -> Complete {
        guard let complete = try advance(atEnd: true) else {
            throw head == nil && buffer.isEmpty ? .closedBeforeResponse : .truncated
        }
        return complete
    }

    /// Whether any byte of a response has arrived (a reused connection that closes before that
    /// may be retried: the server never saw the request).
    var receivedAnything: Bool { !buffer.isEmpty || head != nil }

    private mutating func advance(atEnd: Bool) throws(HTTPResponseParseError) -> Complete? {
        while head == nil {
            guard let end = Self.headEnd(in: buffer) else {
                guard buffer.count <= limits.maxHeadBytes else { throw .headTooLarge(limit: limits.maxHeadBytes) }
                return nil
            }
            guard end <= limits.maxHeadBytes else { throw .headTooLarge(limit: limits.maxHeadBytes) }
            let parsed = try Self.parseHead(buffer[..<end], requestWasHead: requestWasHead)
            if (100..<200).contains(parsed.status) {
                buffer.removeSubrange(..<(end + 4))  // an interim response: the real one follows
                continue
            }
            head = parsed
            bodyStart = end + 4
            chunkCursor = bodyStart
        }
        guard let head else { return nil }
        switch head.framing {
        case .length(let length):
            guard length <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            let available = buffer.count - bodyStart
            if available > length { throw .unexpectedBytes }
            guard available == length else {
                if atEnd { throw .truncated }
                return nil
            }
            return Complete(
                response: HTTPClientResponse(status: head.status, headers: head.headers, body: Array(buffer[bodyStart...])),
                keepAlive: head.keepAlive)
        case .untilClose:
            guard buffer.count - bodyStart <= limits.maxBodyBytes else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            guard atEnd else { return nil }
            return Complete(
                response: HTTPClientResponse(status: head.status, headers: head.headers, body: Array(buffer[bodyStart...])),
                keepAlive: false)
        case .chunked:
            try decodeChunks()
            guard chunkedDone else {
                if atEnd { throw .truncated }
                return nil
            }
            if chunkCursor < buffer.count { throw .unexpectedBytes }
            return Complete(
                response: HTTPClientResponse(status: head.status, headers: head.headers, body: decoded),
                keepAlive: head.keepAlive)
        }
    }

    /// Decodes as many whole chunks as the buffer holds (RFC 9112 §7.1), trailers skipped.
    private mutating func decodeChunks() throws(HTTPResponseParseError) {
        while !chunkedDone {
            guard let lineEnd = Self.lineEnd(in: buffer, from: chunkCursor) else {
                guard buffer.count - chunkCursor <= Self.maxChunkLineBytes else { throw .badChunk }
                return
            }
            let line = buffer[chunkCursor..<lineEnd]
            let sizeField = line.prefix { $0 != UInt8(ascii: ";") }  // chunk extensions are ignored
            guard let size = Self.hexValue(sizeField) else { throw .badChunk }
            if size == 0 {
                // Trailer fields until an empty line.
                var cursor = lineEnd + 2
                while true {
                    guard let end = Self.lineEnd(in: buffer, from: cursor) else {
                        guard buffer.count - cursor <= limits.maxHeadBytes else { throw .headTooLarge(limit: limits.maxHeadBytes) }
                        return
                    }
                    if end == cursor {
                        chunkCursor = end + 2
                        chunkedDone = true
                        return
                    }
                    cursor = end + 2
                }
            }
            guard size <= limits.maxBodyBytes - decoded.count else { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
            let dataStart = lineEnd + 2
            guard buffer.count >= dataStart + size + 2 else { return }
            guard buffer[dataStart + size] == UInt8(ascii: "\r"), buffer[dataStart + size + 1] == UInt8(ascii: "\n") else {
                throw .badChunk
            }
            decoded.append(contentsOf: buffer[dataStart..<(dataStart + size)])
            chunkCursor = dataStart + size + 2
        }
    }

    /// A chunk-size line longer than this is not a chunk size (16 hex digits plus extensions).
    static let maxChunkLineBytes = 1024

    /// The status line and header fields (`bytes` ends before the blank line). One pass over the
    /// bytes with no intermediate arrays: this runs for every reply the sender posts.
    static func parseHead(_ bytes: ArraySlice<UInt8>, requestWasHead: Bool) throws(HTTPResponseParseError) -> Head {
        let end = bytes.endIndex
        var cursor = bytes.startIndex
        var status = 0
        var isHTTP11 = false
        var headers = HTTPHeaders()
        // Which of the fields that frame the answer were present (the others need no second look).
        var special = (connection: false, transferEncoding: false, contentLengths: 0)
        var isStatusLine = true
        while cursor <= end {
            var lineEnd = cursor
            while lineEnd < end && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > cursor && bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = bytes[cursor..<contentEnd]
            cursor = lineEnd + 1
            if isStatusLine {
                isStatusLine = false
                (status, isHTTP11) = try statusLine(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                !line[..<colon].contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            else { throw .badHeader }
            let nameBytes = line[..<colon]
            var valueStart = colon + 1
            var valueEnd = line.endIndex
            while valueStart < valueEnd && (line[valueStart] == 0x20 || line[valueStart] == 0x09) { valueStart += 1 }
            while valueEnd > valueStart && (line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09) { valueEnd -= 1 }
            if Self.isName(nameBytes, "connection") { special.connection = true }
            if Self.isName(nameBytes, "transfer-encoding") { special.transferEncoding = true }
            if Self.isName(nameBytes, "content-length") { special.contentLengths += 1 }
            headers.add(
                name: String(decoding: nameBytes, as: UTF8.self), value: String(decoding: line[valueStart..<valueEnd], as: UTF8.self))
        }
        let connection = special.connection ? headers.tokens(for: "connection") : []
        let keepAlive = isHTTP11 ? !connection.contains("close") : connection.contains("keep-alive")
        let framing: Framing
        if requestWasHead || status == 204 || status == 304 {
            framing = .length(0)
        } else if special.transferEncoding, case let codings = headers.tokens(for: "transfer-encoding"), !codings.isEmpty {
            guard codings.last == "chunked" else { throw .unsupportedTransferEncoding(codings.joined(separator: ", ")) }
            framing = .chunked
        } else if special.contentLengths > 0, let lengthText = headers["content-length"] {
            framing = .length(try contentLength(headers, first: lengthText, fields: special.contentLengths))
        } else {
            framing = .untilClose
        }
        if case .untilClose = framing {
            return Head(status: status, headers: headers, keepAlive: false, framing: framing)
        }
        return Head(status: status, headers: headers, keepAlive: keepAlive, framing: framing)
    }

    /// "HTTP/1.1 200 OK": version, three-digit status, optional reason. Returns the status and
    /// whether the version is 1.1.
    private static func statusLine(_ line: ArraySlice<UInt8>) throws(HTTPResponseParseError) -> (Int, Bool) {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")), line.endIndex - space >= 4 else {
            throw .badStatusLine
        }
        let codeEnd = space + 4
        guard codeEnd == line.endIndex || line[codeEnd] == UInt8(ascii: " "),
            line[(space + 1)..<codeEnd].allSatisfy({ (0x30...0x39).contains($0) })
        else { throw .badStatusLine }
        let version = line[..<space]
        let isHTTP11 = version.elementsEqual("HTTP/1.1".utf8)
        guard isHTTP11 || version.elementsEqual("HTTP/1.0".utf8) else {
            throw .unsupportedVersion(String(decoding: version, as: UTF8.self))
        }
        return (line[(space + 1)..<codeEnd].reduce(0) { $0 * 10 + Int($1 - 0x30) }, isHTTP11)
    }

    /// The body's length. Repeated or comma-listed lengths must all agree (RFC 9112 §6.3).
    private static func contentLength(_ headers: HTTPHeaders, first: String, fields: Int) throws(HTTPResponseParseError) -> Int {
        if fields == 1, !first.isEmpty, first.utf8.count <= 18, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let length = Int(first)
        {
            return length  // the usual case: one field, one number
        }
        let lengths = Set(headers.values(for: "content-length").flatMap { $0.split(separator: ",") }.map { String($0.trimmingASCIIWhitespace()) })
        guard lengths.count == 1, let only = lengths.first, only.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let length = Int(only)
        else {
            throw .badContentLength(first)
        }
        return length
    }

    /// Whether `bytes` spell `name` (lower-case ASCII) in any letter case.
    private static func isName(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { $0.lowercasedASCII == $1 }
        }
    }

    /// Index of the `\r\n\r\n` that ends the head, if present.
    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Index of the next `\r\n` at or after `start`.
    private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private static func hexValue(_ digits: some Collection<UInt8>) -> Int? {
        let trimmed = digits.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard !trimmed.isEmpty, trimmed.count <= 15 else { return nil }  // 15 hex digits cannot overflow Int
        var value = 0
        for byte in trimmed {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: " "), UInt8(ascii: "\t"): continue  // whitespace before an extension
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}

/// Why a response could not be read. The request may or may not have been acted on.
enum HTTPResponseParseError: Error, Equatable, CustomStringConvertible {
    case closedBeforeResponse
    case truncated
    case badStatusLine
    case unsupportedVersion(String)
    case badHeader
    case headTooLarge(limit: Int)
    case bodyTooLarge(limit: Int)
    case badContentLength(String)
    case unsupportedTransferEncoding(String)
    case badChunk
    case unexpectedBytes

    var description: String {
        switch self {
        case .closedBeforeResponse: "the server closed the connection before answering"
        case .truncated: "the server closed the connection in the middle of its answer"
        case .badStatusLine: "the answer does not start with an HTTP status line"
        case .unsupportedVersion(let version): "the answer is \(version), not HTTP/1.0 or HTTP/1.1"
        case .badHeader: "the answer has a malformed header field"
        case .headTooLarge(let limit): "the answer's headers are larger than \(limit) bytes"
        case .bodyTooLarge(let limit): "the answer's body is larger than \(limit) bytes"
        case .badContentLength(let value): "the answer's Content-Length '\(value)' is not one non-negative number"
        case .unsupportedTransferEncoding(let value): "the answer's Transfer-Encoding '\(value)' does not end in chunked"
        case .badChunk: "the answer's chunked body is malformed"
        case .unexpectedBytes: "the server sent more bytes than its answer"
        }
    }
}
