/// `exp` and `log` in pure Swift: the standard library has none, and the core imports no C library.
///
/// Accurate to about 1e-15 relative error, which is far below what the classifier can notice.
enum Elementary {
    private static let ln2 = 0.693_147_180_559_945_309_417_232_121_458
    private static let inverseFactorials: [Double] = {
        var values = [1.0]
        for n in 1...13 { values.append(values[n - 1] / Double(n)) }
        return values
    }()

    /// The natural exponential of `x`.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.7 { return .infinity }
        if x < -745.1 { return 0 }
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        // |r| ≤ ln 2 / 2, where the Taylor series to r^13 is exact to double precision.
        var sum = inverseFactorials[13]
        for n in stride(from: 12, through: 0, by: -1) { sum = sum * r + inverseFactorials[n] }
        return scale(sum, by: Int(k))
    }

    /// e^x in single precision for x ≤ 0 (relative error below 2e-5; 0 below −87): the softmax's
    /// hot path.
    static func fastExp(_ x: Float) -> Float {
        guard x > -87 else { return 0 }
        let t = x * 1.442_695_04  // log2(e)
        let whole = t.rounded(.down)
        let f = t - whole  // in [0, 1)
        // 2^f = e^(f ln 2) on [0, 1): its Taylor series to degree 6.
        var p: Float = 1.540_353_0e-4
        p = p * f + 1.333_355_8e-3
        p = p * f + 9.618_437_4e-3
        p = p * f + 5.550_332_4e-2
        p = p * f + 2.402_264_5e-1
        p = p * f + 6.931_472_0e-1
        p = p * f + 1
        return p * Float(sign: .plus, exponent: Int(whole), significand: 1)
    }

    /// The natural logarithm of `x` (−∞ at 0, NaN below 0).
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var exponent = Int(x.exponent)
        var m = x.significand  // in [1, 2)
        if m > 2.0.squareRoot() {
            m /= 2
            exponent += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var power = s
        var sum = 0.0
        var n = 1.0
        while n < 60 {
            let term = power / n
            sum += term
            if abs(term) < 1e-18 { break }
            power *= s2
            n += 2
        }
        return 2 * sum + Double(exponent) * ln2
    }

    /// `value × 2^power`, stepping so that intermediate results stay finite.
    private static func scale(_ value: Double, by power: Int) -> Double {
        if power > -1000 && power < 1000 { return value * Double(sign: .plus, exponent: power, significand: 1) }
        var result = value
        var remaining = power
        while remaining > 1000 {
            result *= 0x1p1000
            remaining -= 1000
        }
        while remaining < -1000 {
            result *= 0x1p-1000
            remaining += 1000
        }
        return result * Double(sign: .plus, exponent: remaining, significand: 1)
    }
}
