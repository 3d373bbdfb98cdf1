/// Trains one-versus-rest linear SVMs (L2-regularised, squared hinge loss) by dual coordinate
/// descent with shrinking, as LIBLINEAR does, with every class updated in the same pass.
///
/// Deterministic: the example order comes from a seeded generator. Training can run in stages on
/// growing subsets of the rows (warm start): the classifier first trains on most examples to fit
/// its temperature on the rest, then continues on all of them. The first pass costs
/// `O(nonzeros × classes)`; later passes only revisit the (example, class) pairs near the margin.
struct LinearSVMTrainer {
    let rows: [SparseVector]
    let labels: [Int]
    let classCount: Int
    let featureCount: Int
    let bias: Float = 1
    private let cost: Double
    private let maximumEpochs: Int
    private let tolerance: Float
    private var generator: SeededGenerator
    private var weights: [Float]
    private var state: DualState
    private let quadratic: [Float]
    private let diagonal: Float

    /// Prepares training on `rows` (labels in `0..<classCount`); nothing is fitted yet.
    init(rows: [SparseVector], labels: [Int], classCount: Int, featureCount: Int, configuration: ClassifierConfiguration) {
        precondition(rows.count == labels.count, "one label per row")
        self.rows = rows
        self.labels = labels
        self.classCount = classCount
        self.featureCount = featureCount
        cost = max(configuration.cost, 1e-6)
        maximumEpochs = max(1, configuration.maximumEpochs)
        tolerance = Float(configuration.tolerance)
        generator = SeededGenerator(seed: configuration.seed)
        weights = [Float](repeating: 0, count: (featureCount + 1) * classCount)
        state = DualState(rows: rows.count, classes: classCount)
        let diagonal = Float(0.5 / max(configuration.cost, 1e-6))
        self.diagonal = diagonal
        let bias = self.bias
        quadratic = rows.map { row in row.values.reduce(bias * bias) { $0 + $1 * $1 } + diagonal }
    }

    /// The model as trained so far.
    var model: LinearModel {
        LinearModel(classCount: classCount, featureCount: featureCount, bias: bias, weights: weights)
    }

    /// Continues training on the rows at `subset` (all rows when nil) until converged or after
    /// `epochs` passes (the configured maximum when nil).
    mutating func train(on subset: [Int]? = nil, epochs: Int? = nil) {
        let k = classCount
        guard !rows.isEmpty, k > 0 else { return }
        var order = subset ?? Array(rows.indices)
        var scores = [Float](repeating: 0, count: k)
        var delta = [Float](repeating: 0, count: k)
        var step = [Float](repeating: 0, count: k)
        var changed: [Int] = []
        changed.reserveCapacity(k)
        var shrinkAbove = [Float](repeating: .infinity, count: k)
        let shrinkFloor: Float = 0
        var largestOfClass = [Float](repeating: -.infinity, count: k)
        for _ in 0..<max(1, epochs ?? maximumEpochs) {
            order.shuffle(using: &generator)
            var largest = -Float.infinity
            var smallest = Float.infinity
            for i in order {
                let row = rows[i]
                let activeCount = state.activeCount[i]
                let dense = activeCount * 4 >= k
                if dense { scoreAll(row, into: &scores) }
                let q = quadratic[i]
                let label = labels[i]
                changed.removeAll(keepingCapacity: true)
                var slot = 0
                var remaining = activeCount
                while slot < remaining {
                    let c = Int(state.active[i * k + slot])
                    let score = dense ? scores[c] : scoreOne(row, classIndex: c)
                    let y: Float = c == label ? 1 : -1
                    let old = state.alpha[i * k + c]
                    let gradient = y * score - 1 + diagonal * old
                    var projected = gradient
                    if old == 0 {
                        if gradient > shrinkAbove[c] {
                            remaining -= 1
                            state.active.swapAt(i * k + slot, i * k + remaining)
                            continue
                        }
                        projected = min(gradient, 0)
                    }
                    largest = max(largest, projected)
                    smallest = min(smallest, projected)
                    largestOfClass[c] = max(largestOfClass[c], projected)
                    slot += 1
                    guard abs(projected) > 1e-12 else { continue }
                    let new = max(old - gradient / q, 0)
                    state.alpha[i * k + c] = new
                    step[c] = (new - old) * y
                    changed.append(c)
                }
                state.activeCount[i] = remaining
                if changed.count * 4 >= k {
                    for c in 0..<k { delta[c] = 0 }
                    for c in changed { delta[c] = step[c] }
                    addAll(row, delta)
                } else if !changed.isEmpty {
                    addSome(row, classes: changed, step)
                }
            }
            if largest - smallest <= tolerance || largest == -.infinity {
                if state.isFullyActive(order) { break }
                state.activateAll(order)
                for c in 0..<k { shrinkAbove[c] = .infinity }
                continue
            }
            for c in 0..<k {
                shrinkAbove[c] = largestOfClass[c] <= 0 ? .infinity : min(largestOfClass[c], shrinkFloor)
                largestOfClass[c] = -.infinity
            }
        }
    }

    private func scoreAll(_ row: SparseVector, into scores: inout [Float]) {
        let k = classCount
        let biasRow = featureCount * k
        weights.withUnsafeBufferPointer { w in
            scores.withUnsafeMutableBufferPointer { s in
                guard let weights = w.baseAddress, let out = s.baseAddress else { return }
                VectorKernels.setScaled(bias, weights + biasRow, into: out, count: k)
                for (position, index) in row.indices.enumerated() {
                    VectorKernels.addScaled(row.values[position], weights + Int(index) * k, into: out, count: k)
                }
            }
        }
    }

    private func scoreOne(_ row: SparseVector, classIndex c: Int) -> Float {
        let k = classCount
        return weights.withUnsafeBufferPointer { w in
            var score = bias * w[featureCount &* k &+ c]
            for (position, index) in row.indices.enumerated() {
                score += row.values[position] * w[Int(index) &* k &+ c]
            }
            return score
        }
    }

    private mutating func addAll(_ row: SparseVector, _ delta: [Float]) {
        let k = classCount
        let biasRow = featureCount * k
        let bias = self.bias
        weights.withUnsafeMutableBufferPointer { w in
            delta.withUnsafeBufferPointer { d in
                guard let weights = w.baseAddress, let step = d.baseAddress else { return }
                for (position, index) in row.indices.enumerated() {
                    VectorKernels.addScaled(row.values[position], step, into: weights + Int(index) * k, count: k)
                }
                VectorKernels.addScaled(bias, step, into: weights + biasRow, count: k)
            }
        }
    }

    private mutating func addSome(_ row: SparseVector, classes: [Int], _ step: [Float]) {
        let k = classCount
        let biasRow = featureCount * k
        let bias = self.bias
        weights.withUnsafeMutableBufferPointer { w in
            for (position, index) in row.indices.enumerated() {
                let value = row.values[position]
                let base = Int(index) &* k
                for c in classes { w[base &+ c] += value * step[c] }
            }
            for c in classes { w[biasRow &+ c] += bias * step[c] }
        }
    }
}

/// Dual variables and the shrinking bookkeeping: which classes are still active per example.
private struct DualState {
    let classes: Int
    var alpha: [Float]
    /// Per example, its active classes first (`activeCount[i]` of them), then the shrunk ones.
    var active: [UInt16]
    var activeCount: [Int]

    init(rows: Int, classes: Int) {
        precondition(classes <= Int(UInt16.max), "a classifier holds at most 65,535 classes")
        self.classes = classes
        alpha = [Float](repeating: 0, count: rows * classes)
        active = [UInt16](repeating: 0, count: rows * classes)
        for row in 0..<rows {
            for c in 0..<classes { active[row * classes + c] = UInt16(c) }
        }
        activeCount = [Int](repeating: classes, count: rows)
    }

    func isFullyActive(_ rows: [Int]) -> Bool { rows.allSatisfy { activeCount[$0] == classes } }

    mutating func activateAll(_ rows: [Int]) {
        for row in rows { activeCount[row] = classes }
    }
}
