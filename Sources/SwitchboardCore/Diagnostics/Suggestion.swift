/// "Did you mean …?": the closest known name to a misspelt one.
///
/// Like swift-argument-parser's usage generator: Levenshtein distance, suggested when it is small
/// both absolutely (< 4) and relative to the name's length (at most half of it), so that `x` never
/// suggests `end`.
public enum Suggestion {
    /// Longest name compared; longer names get no suggestion (keeps the cost bounded).
    static let maximumLength = 128

    /// Names prepared once (lowercased scalars) for many look-ups.
    public struct NameList: Sendable {
        let entries: [(name: String, scalars: [Unicode.Scalar])]

        public init(_ names: some Sequence<String>) {
            entries = names.compactMap { name in
                let scalars = Array(name.lowercased().unicodeScalars)
                return scalars.count <= Suggestion.maximumLength ? (name, scalars) : nil
            }
        }
    }

    /// The candidate closest to `name`, or nil when none is close enough. Ties go to the earlier
    /// candidate; an exact case-insensitive match wins.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        closest(to: name, in: NameList(candidates))
    }

    /// Like `closest(to:among:)`, over names prepared once.
    public static func closest(to name: String, in list: NameList) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= maximumLength else { return nil }
        var best: (candidate: String, distance: Int)?
        for entry in list.entries where entry.name != name && abs(entry.scalars.count - target.count) < 4 {
            let limit = min(3, max(1, max(target.count, entry.scalars.count) / 2))
            let distance = editDistance(target, entry.scalars, limit: limit)
            guard distance <= limit else { continue }
            if best.map({ distance < $0.distance }) ?? true { best = (entry.name, distance) }
        }
        return best?.candidate
    }

    /// `"; did you mean 'x'?"`, or an empty string when nothing is close.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance between two scalar arrays: O(n·m) time, O(m) space. With `limit`, stops
    /// early and returns `limit + 1` once the distance is certainly above it.
    public static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar], limit: Int = .max) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = [Int](repeating: 0, count: rhs.count + 1)
        var current = previous
        for j in 1..<previous.count { previous[j] = j }
        for i in 0..<lhs.count {
            current[0] = i + 1
            var rowMinimum = current[0]
            for j in 0..<rhs.count {
                var best = previous[j] + (lhs[i] == rhs[j] ? 0 : 1)
                if previous[j + 1] + 1 < best { best = previous[j + 1] + 1 }
                if current[j] + 1 < best { best = current[j] + 1 }
                current[j + 1] = best
                if best < rowMinimum { rowMinimum = best }
            }
            if rowMinimum > limit { return limit &+ 1 }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
