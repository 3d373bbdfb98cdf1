import SwitchboardServer
import Testing

@Suite struct XRetryPolicyTests {
    let policy = XRetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(60), maxAttempts: 5)
    let now: Int64 = 1_700_000_000

    func response(_ status: Int, headers: HTTPHeaders = [:], body: String = "") -> XSendOutcome {
        .response(status: status, headers: headers, body: Array(body.utf8))
    }

    @Test(arguments: [200, 201, 204])
    func successStatusesAreDelivered(status: Int) {
        #expect(policy.decide(response(status), attempt: 1, nowEpochSeconds: now, jitter: 0.5) == .delivered)
    }

    @Test(arguments: [500, 502, 503, 504, 408])
    func serverErrorsAreRetriedWithBackoff(status: Int) {
        guard case .retry(let delay, let reason) = policy.decide(response(status), attempt: 1, nowEpochSeconds: now, jitter: 0) else {
            Issue.record("expected a retry")
            return
        }
        #expect(delay == .milliseconds(500))
        #expect(reason.contains("\(status)"))
    }

    @Test func backoffDoublesPerAttemptAndIsCapped() {
        #expect(policy.backoff(attempt: 1, jitter: 0) == .milliseconds(500))
        #expect(policy.backoff(attempt: 3, jitter: 0) == .seconds(2))
        #expect(policy.backoff(attempt: 3, jitter: 1) == .seconds(4))
        #expect(policy.backoff(attempt: 3, jitter: 0.5) == .seconds(3))
        #expect(policy.backoff(attempt: 40, jitter: 1) == .seconds(60))
        #expect(policy.backoff(attempt: 2, jitter: -3) == .seconds(1))
    }

    @Test func rateLimitWaitsUntilTheResetPlusOneSecond() {
        let decision = policy.decide(
            response(429, headers: ["x-rate-limit-reset": "\(now + 90)"]), attempt: 1, nowEpochSeconds: now, jitter: 0.9)
        #expect(decision == .rateLimited(after: .seconds(91), reason: "rate limited (429)"))
    }

    @Test func rateLimitWithPastOrMissingResetFallsBackToBackoff() {
        #expect(policy.decide(response(429, headers: ["x-rate-limit-reset": "\(now - 5)"]), attempt: 2, nowEpochSeconds: now, jitter: 0)
            == .rateLimited(after: .seconds(1), reason: "rate limited (429)"))
        #expect(policy.decide(response(429, headers: ["x-rate-limit-reset": "soon"]), attempt: 2, nowEpochSeconds: now, jitter: 0)
            == .rateLimited(after: .seconds(1), reason: "rate limited (429)"))
        #expect(policy.decide(response(429), attempt: 1, nowEpochSeconds: now, jitter: 0) == .rateLimited(after: .milliseconds(500), reason: "rate limited (429)"))
    }

    @Test func rateLimitWaitIsCapped() {
        let capped = XRetryPolicy(maxRateLimitWait: .seconds(100))
        #expect(capped.decide(response(429, headers: ["x-rate-limit-reset": "\(now + 10_000)"]), attempt: 1, nowEpochSeconds: now, jitter: 0)
            == .rateLimited(after: .seconds(100), reason: "rate limited (429)"))
    }

    @Test func clientErrorsFailPermanentlyWithXsMessage() {
        let body = #"{"errors":[{"code":349,"message":"You cannot send messages to this user."}]}"#
        #expect(policy.decide(response(403, body: body), attempt: 1, nowEpochSeconds: now, jitter: 0)
            == .permanentFailure(reason: "HTTP 403: code 349: You cannot send messages to this user."))
        #expect(policy.decide(response(400, body: "plain words"), attempt: 1, nowEpochSeconds: now, jitter: 0)
            == .permanentFailure(reason: "HTTP 400: plain words"))
        #expect(policy.decide(response(401), attempt: 1, nowEpochSeconds: now, jitter: 0) == .permanentFailure(reason: "HTTP 401"))
    }

    @Test func transportFailuresAreRetried() {
        #expect(policy.decide(.transportFailure(reason: "refused"), attempt: 1, nowEpochSeconds: now, jitter: 0)
            == .retry(after: .milliseconds(500), reason: "network: refused"))
    }

    @Test func retryableFailuresGiveUpAfterMaxAttempts() {
        #expect(policy.decide(response(503), attempt: 5, nowEpochSeconds: now, jitter: 0)
            == .permanentFailure(reason: "gave up after 5 attempts; last: HTTP 503"))
        #expect(policy.decide(.transportFailure(reason: "x"), attempt: 4, nowEpochSeconds: now, jitter: 0) != .permanentFailure(reason: ""))
    }
}
