/// The two inner loops of training and scoring, written over raw pointers so that the compiler
/// vectorises them (no overflow checks inside the loop).
enum VectorKernels {
    /// `y[0..<n] += a × x[0..<n]`.
    @inline(__always)
    static func addScaled(_ a: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        var c = 0
        while c < n {
            y[c] += a * x[c]
            c &+= 1
        }
    }

    /// `y[0..<n] = a × x[0..<n]`.
    @inline(__always)
    static func setScaled(_ a: Float, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        var c = 0
        while c < n {
            y[c] = a * x[c]
            c &+= 1
        }
    }
}

extension VectorKernels {
    /// `y[0..<n] += a × x[0..<n]` for 8-bit `x`.
    @inline(__always)
    static func addScaled(_ a: Float, _ x: UnsafePointer<Int8>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        var c = 0
        while c < n {
            y[c] += a * Float(x[c])
            c &+= 1
        }
    }
}
