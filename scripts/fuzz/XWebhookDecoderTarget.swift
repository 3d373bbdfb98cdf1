// libFuzzer entry point for XWebhookDecoder; built by scripts/fuzz/libfuzzer.sh (not part of the package).
// A broken invariant (see XWebhookFuzzer.violations) stops the run with the input saved as a crash.
import SwitchboardServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for decoder in [XWebhookDecoder(), XWebhookFuzzer.tightDecoder] {
        let violations = XWebhookFuzzer.violations(decoding: input, with: decoder)
        if !violations.isEmpty { fatalError("XWebhookDecoder invariant broken: \(violations)") }
    }
    return 0
}
