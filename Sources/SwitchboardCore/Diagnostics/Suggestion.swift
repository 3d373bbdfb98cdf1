/// "Did you mean …?": the closest known name to a misspelt one.
///
/// Like swift-argument-parser's usage generator: Levenshtein distance, suggested when it is small
/// both absolutely (< 4) and relative to the name's length (at most half of it), so that `x` never
/// suggests `end`.
public enum Suggestion {
    /// Longest name compared; longer names get no suggestion (keeps the cost bounded).
    static let maximumLength = 128

    /// The candidate closest to `name`, or nil when none is close enough. Ties go to the earlier
    /// candidate; an exact case-insensitive match wins.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= maximumLength else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard scalars.count <= maximumLength, abs(scalars.count - target.count) < 4 else { continue }
            let distance = editDistance(target, scalars)
            let limit = min(3, max(1, max(target.count, scalars.count) / 2))
            guard distance <= limit else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"`, or an empty string when nothing is close.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance between two scalar arrays: O(n·m) time, O(m) space.
    public static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let substitution = previous[j] + (left == right ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
