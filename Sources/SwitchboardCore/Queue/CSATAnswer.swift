/// Reads a customer's answer to "How did we do, 1 to 5?".
public enum CSATAnswer {
    /// Longer replies are conversation, not a score.
    static let maximumLength = 24

    /// The score 1…5 if the text is an answer ("4", "5/5", "⭐️⭐️⭐️", "3 stars"); nil otherwise.
    public static func score(in text: String) -> Int? {
        let trimmed = text.trimmingPrefix(while: \.isWhitespace)
        guard trimmed.count <= maximumLength else { return nil }
        let stars = trimmed.filter { $0 == "⭐" || $0 == "⭐️" || $0 == "★" }.count
        if stars > 0, (1...5).contains(stars), trimmed.allSatisfy({ $0 == "⭐" || $0 == "⭐️" || $0 == "★" || $0.isWhitespace }) {
            return stars
        }
        guard let first = trimmed.first, let digit = first.wholeNumberValue, (1...5).contains(digit) else { return nil }
        let rest = trimmed.dropFirst().trimmingPrefix(while: \.isWhitespace).lowercased()
        let allowed = ["", "/5", "/ 5", "stars", "star", "out of 5", "!", "."]
        return allowed.contains(rest.trimmingSuffixWhitespace) ? digit : nil
    }
}

extension String {
    fileprivate var trimmingSuffixWhitespace: String {
        var copy = self
        while copy.last?.isWhitespace == true { copy.removeLast() }
        return copy
    }
}
