/// How a decision reads in traces, logs and test reports: "confident billing (92%)".
extension Decision {
    public var explained: String {
        switch self {
        case .confident(let top): "confident \(top.intent) (\(Self.percent(top.confidence)))"
        case .ambiguous(let candidates): "ambiguous " + Self.list(candidates)
        case .unknown(let top): "unknown " + Self.list(top)
        }
    }

    /// The decision's kind alone: `confident`, `ambiguous` or `unknown`.
    public var kind: String {
        switch self {
        case .confident: "confident"
        case .ambiguous: "ambiguous"
        case .unknown: "unknown"
        }
    }

    static func list(_ intents: [ScoredIntent]) -> String {
        intents.map { "\($0.intent) (\(percent($0.confidence)))" }.joined(separator: ", ")
    }

    /// A confidence as a whole percentage; the core cannot call `rounded()` (no libm), so add a half.
    static func percent(_ value: Double) -> String {
        let clamped = value.isFinite ? min(max(value, 0), 1) : 0
        return "\(Int(clamped * 100 + 0.5))%"
    }
}
