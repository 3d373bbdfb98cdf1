/// Fixed-point number formatting without Foundation (the core has no `String(format:)`).
enum NumberFormatting {
    /// `value` with `digits` decimals, such as `fixed(0.12345, 3)` → `"0.123"`; "n/a" for NaN.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let places = max(0, min(digits, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return value > 0 ? "large" : "-large" }
        let units = Int(scaled)
        let whole = units / Int(scale)
        let fraction = units % Int(scale)
        var text = value < 0 && units != 0 ? "-\(whole)" : "\(whole)"
        if places > 0 {
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: places - digitsText.count) + digitsText
        }
        return text
    }

    /// `value` as a percentage with `digits` decimals, such as `93.51`.
    static func percent(_ value: Double?, _ digits: Int = 2) -> String {
        guard let value else { return "n/a" }
        return fixed(value * 100, digits)
    }

    /// `text` padded with spaces to `width` (right-aligned when `right`).
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
