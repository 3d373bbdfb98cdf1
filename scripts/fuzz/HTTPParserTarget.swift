// libFuzzer entry point for HTTPRequestParser; built by scripts/fuzz/libfuzzer.sh (not part of the package).
// Feeds the input whole and split at a point taken from its first byte; both must agree, every
// call must settle within a budget, a failure must stick, and accepted requests must respect the limits.
import SwitchboardServer

let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 2048)

func outcomes(_ chunks: [ArraySlice<UInt8>]) -> [HTTPRequestParser.Outcome] {
    var parser = HTTPRequestParser(limits: limits)
    var results: [HTTPRequestParser.Outcome] = []
    // Every `.request` consumes at least one byte, so more calls than bytes means a loop.
    var budget = chunks.reduce(0) { $0 + $1.count } + 2 * chunks.count + 4
    for chunk in chunks {
        parser.append(chunk)
        draining: while true {
            budget -= 1
            if budget < 0 { fatalError("HTTPRequestParser did not settle within its call budget") }
            let outcome = parser.next()
            switch outcome {
            case .request(let request):
                if request.body.count > limits.maxBodyBytes { fatalError("body over the limit accepted") }
                if request.headers.count > limits.maxHeaderCount { fatalError("too many headers accepted") }
                if request.target.utf8.count > limits.maxRequestLineBytes { fatalError("target over the limit accepted") }
                results.append(outcome)
            case .needMoreBytes:
                break draining
            case .failed:
                if parser.next() != outcome { fatalError("the failed state did not stick") }
                results.append(outcome)
                return results
            }
        }
    }
    results.append(.needMoreBytes)
    return results
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let whole = outcomes([input[...]])
    let cut = input.isEmpty ? 0 : Int(input[0]) % (input.count + 1)
    if outcomes([input[..<cut], input[cut...]]) != whole { fatalError("split feeding disagrees with one buffer") }
    return 0
}
