import SwitchboardServer
import Testing
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Socket tests over 127.0.0.1 with small timeouts. Each test runs its own server on an ephemeral port.
@Suite struct HTTPServerTests {
    /// Starts a server with test-sized timeouts; `configure` adjusts the configuration.
    static func startServer(
        responder: TestResponder = TestResponder(), _ configure: (inout HTTPServerConfiguration) -> Void = { _ in }
    ) throws -> (HTTPServer, Int) {
        var configuration = HTTPServerConfiguration(
            port: 0, headerReadTimeout: .seconds(2), bodyReadTimeout: .seconds(2), idleTimeout: .seconds(5),
            shutdownGracePeriod: .seconds(5))
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: responder)
        let port = try server.start()
        return (server, port)
    }

    @Test func answersARequestOnAnEphemeralPort() async throws {
        let (server, port) = try Self.startServer()
        #expect(port > 0)
        #expect(server.port == port)
        let response = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /echo?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
            return try client.readResponse()
        }
        #expect(response?.status == 200)
        #expect(response?.text == "POST /echo?x=1 hello")
        await server.shutdown()
    }

    @Test func aFollowUpBeginsBeforeTheResponseLeavesAndRunsAfterIt() async throws {
        let responder = TestResponder()
        let (server, port) = try Self.startServer(responder: responder)
        let response = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /follow-up HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            let response = try client.readResponse()
            // Seen by the client: the follow-up's first part has run, its wait has not ended.
            return (response, responder.followUpBegan.load(ordering: .sequentiallyConsistent),
                    responder.followUpEnded.load(ordering: .sequentiallyConsistent))
        }
        #expect(response.0?.text == "answered")
        #expect(response.1, "the follow-up's work up to its first suspension is done before the response is written")
        #expect(!response.2, "the response does not wait for the follow-up")
        responder.releaseFollowUp.store(true, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now + .seconds(10)
        while !responder.followUpEnded.load(ordering: .sequentiallyConsistent) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        let ended = responder.followUpEnded.load(ordering: .sequentiallyConsistent)
        #expect(ended, "the follow-up runs to its end once released")
        await server.shutdown()
    }

    @Test func keepAliveConnectionServesSeveralRequests() async throws {
        let (server, port) = try Self.startServer()
        let bodies = try await offThread {
            let client = try TestClient(port: port)
            var bodies: [String] = []
            for index in 0..<5 {
                try client.send("GET /echo?n=\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                bodies.append(try client.readResponse()?.text ?? "none")
            }
            return bodies
        }
        #expect(bodies == (0..<5).map { "GET /echo?n=\($0) " })
        await server.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let (server, port) = try Self.startServer()
        let bodies = try await offThread {
            let client = try TestClient(port: port)
            try client.send((1...3).map { "GET /echo?n=\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            return try (1...3).map { _ in try client.readResponse()?.text ?? "none" }
        }
        #expect(bodies == ["GET /echo?n=1 ", "GET /echo?n=2 ", "GET /echo?n=3 "])
        await server.shutdown()
    }

    @Test func http10RequestIsAnsweredThenClosed() async throws {
        let (server, port) = try Self.startServer()
        let (response, closed) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("GET /echo HTTP/1.0\r\n\r\n")
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response?.status == 200)
        #expect(response?.headers["connection"] == "close")
        #expect(closed)
        await server.shutdown()
    }

    @Test func connectionCloseRequestIsAnsweredThenClosed() async throws {
        let (server, port) = try Self.startServer()
        let (response, closed) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("GET /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response?.headers["connection"] == "close")
        #expect(closed)
        await server.shutdown()
    }

    @Test func stalledBodyIsClosedAfterTheBodyTimeout() async throws {
        let (server, port) = try Self.startServer { $0.bodyReadTimeout = .milliseconds(200) }
        let (response, closed) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part")
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response?.status == 408)
        #expect(closed)
        await server.shutdown()
    }

    @Test func headResponseHasLengthButNoBody() async throws {
        let (server, port) = try Self.startServer()
        let texts = try await offThread {
            let client = try TestClient(port: port)
            try client.send("HEAD /echo HTTP/1.1\r\nHost: t\r\n\r\nGET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            // The HEAD answer's Content-Length must not be read as a body: read the raw head only.
            let first = try client.readResponseHeadOnly()
            let second = try client.readResponse()
            return (first, second?.text)
        }
        #expect(texts.0.contains("Content-Length: 11"))
        #expect(texts.1 == "GET /echo ")
        await server.shutdown()
    }

    @Test func garbageGets400AndTheConnectionCloses() async throws {
        let (server, port) = try Self.startServer()
        let (response, closed) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("\u{1}\u{2}GARBAGE NOT HTTP\r\n\r\nmore garbage")
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response?.status == 400)
        #expect(closed)
        await server.shutdown()
    }

    @Test func truncatedRequestIsDroppedWhenTheClientStopsSending() async throws {
        let (server, port) = try Self.startServer()
        let response = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            client.finishSending()
            return try client.readResponse()
        }
        #expect(response == nil)
        await server.shutdown()
    }

    @Test func hugeHeaderGets431() async throws {
        let (server, port) = try Self.startServer { $0.limits.maxHeaderBytes = 1024 }
        let response = try await offThread {
            let client = try TestClient(port: port)
            try client.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 4000))\r\n\r\n")
            return try client.readResponse()
        }
        #expect(response?.status == 431)
        await server.shutdown()
    }

    @Test func oversizedBodyGets413WithoutReadingIt() async throws {
        let (server, port) = try Self.startServer { $0.limits.maxBodyBytes = 1000 }
        let response = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "x", count: 5000))
            return try client.readResponse()
        }
        #expect(response?.status == 413)
        await server.shutdown()
    }

    @Test func expectContinueGets100BeforeTheBody() async throws {
        let (server, port) = try Self.startServer()
        let (interim, final) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
            let interim = try client.readResponse()
            try client.send("ok")
            return (interim?.status, try client.readResponse()?.text)
        }
        #expect(interim == 100)
        #expect(final == "POST /echo ok")
        await server.shutdown()
    }

    @Test func slowlorisIsClosedAfterTheHeaderTimeoutWhileOthersAreServed() async throws {
        let (server, port) = try Self.startServer { $0.headerReadTimeout = .seconds(2) }
        let (slowClosed, answeredWhileSlowOpen, answeredAfter) = try await offThread {
            let slow = try TestClient(port: port)
            let fast = try TestClient(port: port)
            try slow.send("GET /echo HTTP/1.1\r\nHost: t\r\n")
            var answered = 0
            var slowClosed = false
            // Trickle one header byte per round: the deadline counts from the first byte, so it
            // must not move. Bounded to 200 rounds (about 10 s) in case it is never closed.
            for round in 0..<200 {
                if slow.closedWithoutWaiting() {
                    slowClosed = true
                    break
                }
                try? slow.send("X")
                // Whether a later round still finds the slow client open depends on machine load,
                // so only the first round's answer is required to beat the timeout.
                if round < 3 {
                    try fast.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
                    if try fast.readResponse()?.status == 200 { answered += 1 }
                }
                usleep(50_000)
            }
            try fast.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            return (slowClosed, answered, try fast.readResponse()?.status)
        }
        #expect(slowClosed)
        #expect(answeredWhileSlowOpen >= 1)
        #expect(answeredAfter == 200)
        await server.shutdown()
    }

    @Test func idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let (server, port) = try Self.startServer { $0.idleTimeout = .milliseconds(200) }
        let closed = try await offThread {
            let client = try TestClient(port: port)
            try client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
            return client.isClosedByServer()
        }
        #expect(closed)
        await server.shutdown()
    }

    @Test func handlerSlowerThanTheResponseTimeoutGets503AndClose() async throws {
        let responder = TestResponder(delay: .seconds(1))
        let (server, port) = try Self.startServer(responder: responder) { $0.responseTimeout = .milliseconds(200) }
        let (response, closed) = try await offThread {
            let client = try TestClient(port: port)
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            return (try client.readResponse(), client.isClosedByServer())
        }
        #expect(response?.status == 503)
        #expect(closed)
        await server.shutdown()
    }

    @Test func connectionsBeyondTheLimitGet503() async throws {
        let (server, port) = try Self.startServer { $0.maxConnections = 2 }
        let (first, second, extra, extraClosed) = try await offThread {
            let one = try TestClient(port: port)
            let two = try TestClient(port: port)
            try one.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            try two.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try one.readResponse()?.status
            let second = try two.readResponse()?.status
            let three = try TestClient(port: port)
            let extra = try three.readResponse()?.status
            return (first, second, extra, three.isClosedByServer())
        }
        #expect(first == 200 && second == 200)
        #expect(extra == 503)
        #expect(extraClosed)
        await server.shutdown()
    }

    @Test func holdsAThousandConcurrentKeepAliveConnections() async throws {
        let (server, port) = try Self.startServer()
        let answered = try await offThread {
            let clients = try (0..<1000).map { _ in try TestClient(port: port) }
            var answered = 0
            for round in 0..<2 {
                for (index, client) in clients.enumerated() {
                    try client.send("GET /echo?c=\(index)&r=\(round) HTTP/1.1\r\nHost: t\r\n\r\n")
                }
                for (index, client) in clients.enumerated() where try client.readResponse()?.text == "GET /echo?c=\(index)&r=\(round) " {
                    answered += 1
                }
            }
            return answered
        }
        #expect(answered == 2000)
        await server.shutdown()
    }

    @Test func gracefulShutdownFinishesAnInFlightSlowHandler() async throws {
        let responder = TestResponder(delay: .milliseconds(400))
        let (server, port) = try Self.startServer(responder: responder)
        let idle = try await offThread { try TestClient(port: port) }
        async let response = offThread { () throws -> TestClient.Response? in
            let client = try TestClient(port: port)
            try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
            return try client.readResponse()
        }
        // Bounded wait for the handler to start (≤ 5 s).
        for _ in 0..<500 where responder.started.load(ordering: .sequentiallyConsistent) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(responder.started.load(ordering: .sequentiallyConsistent) == 1)
        await server.shutdown()
        #expect(responder.finished.load(ordering: .sequentiallyConsistent) == 1)
        let answer = try await response
        #expect(answer?.status == 200)
        #expect(answer?.text == "slow done")
        #expect(answer?.headers["connection"] == "close")
        let idleClosed = try await offThread { idle.isClosedByServer() }
        #expect(idleClosed)
        await #expect(throws: TestClient.Failure.self) { try await offThread { try TestClient(port: port) } }
    }

    @Test func startingTwiceOrOnABadHostFails() async throws {
        let (server, _) = try Self.startServer()
        #expect(throws: HTTPServerError.alreadyStarted) { try server.start() }
        await server.shutdown()
        let bad = HTTPServer(configuration: HTTPServerConfiguration(host: "not a host"), responder: TestResponder())
        #expect(throws: HTTPServerError.invalidHost("not a host")) { try bad.start() }
    }
}

