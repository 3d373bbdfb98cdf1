import Foundation

/// What happened to one attempt to call X.
public enum XSendOutcome: Sendable, Equatable {
    /// X answered with this status, headers and body.
    case response(status: Int, headers: HTTPHeaders, body: [UInt8])
    /// No answer: connection refused, timeout, TLS failure…; `reason` for the log.
    case transportFailure(reason: String)
}

/// What the outbox sender does next.
public enum XRetryDecision: Sendable, Equatable {
    case delivered
    /// Try again after `delay`; `reason` says why it failed.
    case retry(after: Duration, reason: String)
    /// The channel refused because too many messages went out (429): this one and every other
    /// message on the channel wait `delay` (until X's `x-rate-limit-reset` when it gives one).
    case rateLimited(after: Duration, reason: String)
    /// Do not retry; `reason` is for the operator (and the agent, if a human reply failed).
    case permanentFailure(reason: String)
}

/// Classifies a send outcome and schedules retries: 2xx delivered; 408, 429, 5xx and transport
/// failures retried with exponential backoff and jitter (429 is `rateLimited`, and waits for
/// `x-rate-limit-reset`);
/// other statuses fail permanently with X's error message.
///
/// Pure: the clock reading and the random jitter are parameters.
public struct XRetryPolicy: Sendable, Equatable {
    /// Delay before the second attempt; doubles each attempt.
    public var baseDelay: Duration
    /// Cap on one backoff delay.
    public var maxDelay: Duration
    /// Attempts in total (the first one included) before giving up.
    public var maxAttempts: Int
    /// Longest wait honoured from `x-rate-limit-reset`; X's DM windows are 24 hours.
    public var maxRateLimitWait: Duration

    public init(
        baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(300), maxAttempts: Int = 10,
        maxRateLimitWait: Duration = .seconds(24 * 3600)
    ) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.maxRateLimitWait = maxRateLimitWait
    }

    /// Decides what to do after attempt number `attempt` (1-based) ended with `outcome`.
    ///
    /// - Parameters:
    ///   - nowEpochSeconds: the caller's clock, to read `x-rate-limit-reset` against.
    ///   - jitter: a random value in `0..<1`; the backoff is spread over `[d/2, d)`.
    public func decide(_ outcome: XSendOutcome, attempt: Int, nowEpochSeconds: Int64, jitter: Double) -> XRetryDecision {
        let reason: String
        var rateLimitDelay: Duration?
        switch outcome {
        case .transportFailure(let failure):
            reason = "network: \(failure)"
        case .response(let status, let headers, let body):
            switch status {
            case 200..<300:
                return .delivered
            case 429:
                reason = "rate limited (429)"
                if let reset = headers["x-rate-limit-reset"].flatMap({ Int64($0.trimmingASCIIWhitespace()) }), reset > nowEpochSeconds {
                    // One extra second so the retry lands after the window opens, not on its edge.
                    rateLimitDelay = min(.seconds(reset - nowEpochSeconds + 1), maxRateLimitWait)
                }
            case 408, 500..<600:
                reason = "HTTP \(status)" + Self.errorMessage(in: body).map { ": \($0)" }.orEmpty
            default:
                return .permanentFailure(reason: "HTTP \(status)" + Self.errorMessage(in: body).map { ": \($0)" }.orEmpty)
            }
        }
        guard attempt < maxAttempts else {
            return .permanentFailure(reason: "gave up after \(attempt) attempts; last: \(reason)")
        }
        if case .response(429, _, _) = outcome {
            return .rateLimited(after: rateLimitDelay ?? backoff(attempt: attempt, jitter: jitter), reason: reason)
        }
        return .retry(after: backoff(attempt: attempt, jitter: jitter), reason: reason)
    }

    /// `min(maxDelay, baseDelay · 2^(attempt−1))`, spread over its upper half by `jitter`.
    public func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(maxDelay, baseDelay * (1 << exponent))
        let clampedJitter = min(max(jitter, 0), 1)
        return full / 2 + full / 2 * clampedJitter
    }

    /// X's error text from `{"errors":[{"code":…,"message":"…"}]}`, else the body's start.
    static func errorMessage(in body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let errors = object["errors"] as? [[String: Any]], let first = errors.first
        {
            let code = (first["code"] as? Int).map { "code \($0): " }.orEmpty
            if let message = first["message"] as? String { return code + message }
        }
        return String(decoding: body.prefix(200), as: UTF8.self)
    }
}

extension Optional where Wrapped == String {
    fileprivate var orEmpty: String { self ?? "" }
}
