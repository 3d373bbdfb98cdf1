/// One linear scorer per class over a sparse feature vector, stored feature-major so that scoring a
/// message touches one contiguous row of class weights per active feature.
struct LinearModel: Sendable {
    let classCount: Int
    let featureCount: Int
    /// The constant feature value that carries each class's intercept.
    let bias: Float
    /// `(featureCount + 1) × classCount` weights; the last row is the intercept.
    private(set) var weights: [Float]

    init(classCount: Int, featureCount: Int, bias: Float, weights: [Float]) {
        precondition(weights.count == (featureCount + 1) * classCount, "weights must cover every feature and class")
        self.classCount = classCount
        self.featureCount = featureCount
        self.bias = bias
        self.weights = weights
    }

    /// The score of every class for `vector`.
    func scores(_ vector: SparseVector) -> [Float] {
        var result = [Float](repeating: 0, count: classCount)
        let k = classCount
        weights.withUnsafeBufferPointer { w in
            result.withUnsafeMutableBufferPointer { out in
                guard let weights = w.baseAddress, let scores = out.baseAddress else { return }
                VectorKernels.setScaled(bias, weights + featureCount * k, into: scores, count: k)
                for (position, index) in vector.indices.enumerated() {
                    VectorKernels.addScaled(vector.values[position], weights + Int(index) * k, into: scores, count: k)
                }
            }
        }
        return result
    }

    /// The weight of `feature` for class `classIndex`.
    func weight(feature: Int32, classIndex: Int) -> Float {
        weights[Int(feature) * classCount + classIndex]
    }

    /// Bytes held by the weights.
    var memoryFootprint: Int { weights.count * MemoryLayout<Float>.stride }
}
