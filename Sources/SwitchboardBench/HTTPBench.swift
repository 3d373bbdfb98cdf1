// HTTP parser benchmark: requests/s parsing a typical signed webhook POST, against a minimal GET
// parsed in the same run. `--fuzz N` runs the seeded mutation fuzzer for N iterations instead;
// `--serve` runs a webhook-verifying server for scripts/load/run.sh (wrk) to hit.
// Run: swift run -c release switchboard-bench http [--iterations N] [--shared PATH]
//      switchboard-bench http --fuzz N [--seed S]
//      switchboard-bench http --serve [--port P] [--seconds S] [--secret SECRET]
import Foundation
import SwitchboardServer

enum HTTPBench {
    static func run(_ arguments: [String]) throws {
        if arguments.contains("--serve") {
            try serve(
                port: option("--port", in: arguments).flatMap { Int($0) } ?? 8089,
                seconds: option("--seconds", in: arguments).flatMap { Int($0) } ?? 30,
                secret: option("--secret", in: arguments) ?? "FAKE_CONSUMER_SECRET")
            return
        }
        if let fuzz = option("--fuzz", in: arguments).flatMap({ Int($0) }) {
            try runFuzz(iterations: fuzz, seed: option("--seed", in: arguments).flatMap { UInt64($0) } ?? 1)
            return
        }
        let iterations = option("--iterations", in: arguments).flatMap { Int($0) } ?? 20000
        let body = try webhookBody(shared: option("--shared", in: arguments))
        let signature = XWebhookSignatureVerifier(consumerSecret: "FAKE_CONSUMER_SECRET").signature(for: body)
        let post = Array(
            ("POST /webhooks/x HTTP/1.1\r\nHost: switchboard.example.com\r\nUser-Agent: Twitter-Webhooks/1.0\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nAccept-Encoding: gzip\r\n"
                + "x-twitter-webhooks-signature: \(signature)\r\nContent-Length: \(body.count)\r\n\r\n").utf8) + body
        let get = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        print("webhook POST is \(post.count) bytes (body \(body.count)); GET is \(get.count) bytes")

        let getSamples = measure("parse minimal GET (baseline)") { parse(get, times: iterations) }
        report(getSamples, extra: rate(iterations, getSamples))
        let postSamples = measure("parse signed webhook POST") { parse(post, times: iterations) }
        report(postSamples, baseline: getSamples, extra: rate(iterations, postSamples))
        let pipelined = Array(Array(repeating: post, count: 16).joined())
        let pipelinedSamples = measure("parse 16 pipelined webhook POSTs per buffer") { parse(pipelined, times: iterations / 16, expect: 16) }
        report(pipelinedSamples, baseline: getSamples, extra: rate(iterations / 16 * 16, pipelinedSamples))
    }

    /// Parses `bytes` with a fresh parser `times` times; traps if a request is missing.
    static func parse(_ bytes: [UInt8], times: Int, expect: Int = 1) {
        for _ in 0..<times {
            var parser = HTTPRequestParser()
            parser.append(bytes)
            var count = 0
            while case .request = parser.next() { count += 1 }
            precondition(count == expect, "benchmark input did not parse")
        }
    }

    static func rate(_ iterations: Int, _ samples: Samples) -> String {
        String(format: "%.0f requests/s", Double(iterations) / samples.median)
    }

    /// `dm-two-events.json` from `--shared`, else a synthetic body of similar size.
    static func webhookBody(shared: String?) throws -> [UInt8] {
        if let shared {
            let path = shared + "/fixtures/x/dm-two-events.json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BenchError(description: "cannot read \(path); pass --shared pointing at the shared folder")
            }
            return Array(data)
        }
        return Array(String(repeating: "{\"type\":\"message_create\",\"id\":\"1100000000000000004\"}", count: 36).utf8)
    }

    static func runFuzz(iterations: Int, seed: UInt64) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let report = HTTPParserFuzzer.run(seed: seed, iterations: iterations)
        let elapsed = clock.now - start
        print("fuzz seed \(seed): \(report.iterations) inputs in \(elapsed); \(report.requests) requests, "
            + "failures by status \(report.failures.sorted { $0.key < $1.key }), \(report.incomplete) incomplete")
        guard report.violations.isEmpty else {
            throw BenchError(description: "fuzz violations:\n" + report.violations.joined(separator: "\n"))
        }
        print("no violations")
    }

    /// Serves CRC checks and signed webhook POSTs (verify, decode, 200) for `seconds`, then shuts down.
    static func serve(port: Int, seconds: Int, secret: String) throws {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(port: port, maxConnections: 8192), responder: WebhookResponder(secret: secret))
        let bound = try server.start()
        print("serving webhooks on 127.0.0.1:\(bound) for \(seconds) s")
        Thread.sleep(forTimeInterval: Double(seconds))
        let done = DispatchSemaphore(value: 0)
        Task {
            await server.shutdown()
            done.signal()
        }
        done.wait()
        print("stopped")
    }

    /// The webhook path without the store: CRC on GET; verify, decode and 200 on POST.
    struct WebhookResponder: HTTPResponder {
        let secret: String
        let verifier: XWebhookSignatureVerifier
        let decoder = XWebhookDecoder()

        init(secret: String) {
            self.secret = secret
            verifier = XWebhookSignatureVerifier(consumerSecret: secret)
        }

        func respond(to request: HTTPRequest) async -> HTTPResponse {
            if request.method == .get { return XCRC.response(to: request, consumerSecret: secret) }
            do {
                try verifier.verify(request)
            } catch {
                return .text("\(error)\n", status: .unauthorized)
            }
            do {
                let batch = try decoder.decode(request.body)
                return .text("\(batch.messages.count) messages\n")
            } catch {
                return .text("\(error)\n", status: .badRequest)
            }
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }
}
