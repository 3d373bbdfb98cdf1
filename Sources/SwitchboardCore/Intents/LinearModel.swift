/// One linear scorer per class over a sparse feature vector, stored feature-major so that scoring a
/// message touches one contiguous row of class weights per active feature.
///
/// Weights are stored as 8-bit integers with one scale per feature row: a quarter of the memory
/// of 32-bit floats, so the rows a message touches stay in cache (scoring is memory-bound), for a
/// relative error below 0.4% of each row's largest weight.
struct LinearModel: Sendable {
    let classCount: Int
    let featureCount: Int
    /// The constant feature value that carries each class's intercept.
    let bias: Float
    /// Per feature row: the weight one quantisation step stands for (4 bytes, a Float), then the
    /// row's `classCount` quantised weights; rows are `stride` bytes apart. Keeping the scale in
    /// the row saves a cache miss per feature.
    private let rows: [Int8]
    private let stride: Int
    /// Each class's intercept weight, unquantised.
    private let intercepts: [Float]

    /// Quantises `weights`: `(featureCount + 1) × classCount` floats, the last row the intercepts.
    init(classCount: Int, featureCount: Int, bias: Float, weights: [Float]) {
        precondition(weights.count == (featureCount + 1) * classCount, "weights must cover every feature and class")
        self.classCount = classCount
        self.featureCount = featureCount
        self.bias = bias
        let stride = (classCount + 4 + 15) / 16 * 16
        var rows = [Int8](repeating: 0, count: featureCount * stride)
        for feature in 0..<featureCount {
            let base = feature * classCount
            var largest: Float = 0
            for c in 0..<classCount { largest = max(largest, abs(weights[base + c])) }
            guard largest > 0 else { continue }
            let scale = largest / 127
            let start = feature * stride
            withUnsafeBytes(of: scale) { bytes in
                for (offset, byte) in bytes.enumerated() { rows[start + offset] = Int8(bitPattern: byte) }
            }
            for c in 0..<classCount {
                rows[start + 4 + c] = Int8((weights[base + c] / scale).rounded())
            }
        }
        self.rows = rows
        self.stride = stride
        intercepts = Array(weights[(featureCount * classCount)...])
    }

    /// The score of every class for `vector`.
    func scores(_ vector: SparseVector) -> [Float] {
        var result = intercepts.map { $0 * bias }
        let k = classCount
        let stride = self.stride
        rows.withUnsafeBufferPointer { q in
            result.withUnsafeMutableBufferPointer { out in
                guard let base = q.baseAddress, let scores = out.baseAddress else { return }
                let raw = UnsafeRawPointer(base)
                for (position, index) in vector.indices.enumerated() {
                    let start = Int(index) * stride
                    let scale = raw.loadUnaligned(fromByteOffset: start, as: Float.self)
                    VectorKernels.addScaled(vector.values[position] * scale, base + start + 4, into: scores, count: k)
                }
            }
        }
        return result
    }

    /// The weight of `feature` for class `classIndex`.
    func weight(feature: Int32, classIndex: Int) -> Float {
        let start = Int(feature) * stride
        return rows.withUnsafeBytes { bytes in
            bytes.loadUnaligned(fromByteOffset: start, as: Float.self) * Float(Int8(bitPattern: bytes[start + 4 + classIndex]))
        }
    }

    /// Bytes held by the weights.
    var memoryFootprint: Int { rows.count + intercepts.count * 4 }
}
