import SwitchboardCore
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `HTTPTransport` over URLSession (FoundationNetworking on Linux), with a per-request timeout
/// and a response size limit. No cookies, no cache, no credential storage.
public struct URLSessionTransport: HTTPTransport {
    /// Largest response body kept; X's answers are a few KiB.
    public static let defaultMaxResponseBytes = 1 << 20

    private let session: URLSession
    private let maxResponseBytes: Int

    public init(maxResponseBytes: Int = URLSessionTransport.defaultMaxResponseBytes) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: OutgoingHTTPRequest) async throws -> HTTPClientResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw HTTPTransportError.invalidURL(request.url) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.timeout.inSeconds
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty || request.method == .post || request.method == .put {
            urlRequest.httpBody = Data(request.body)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError where error.code == .timedOut {
            throw HTTPTransportError.timedOut(request.timeout)
        } catch {
            throw HTTPTransportError.connectionFailed("\(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw HTTPTransportError.connectionFailed("not an HTTP response")
        }
        guard data.count <= maxResponseBytes else { throw HTTPTransportError.responseTooLarge(limit: maxResponseBytes) }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers.add(name: name, value: value) }
        }
        return HTTPClientResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}
