/// What is known about an escalation when its priority is computed.
public struct PriorityInputs: Sendable, Equatable {
    /// The tone of the customer's recent messages (the most negative recent tone counts).
    public var tone: ToneLabel
    /// The customer's follower count on the channel.
    public var followers: Int
    /// How many contacts this customer made in the recent window, this one included.
    public var contactsThisWeek: Int
    /// Why the conversation was escalated.
    public var reason: EscalationReason

    public init(tone: ToneLabel, followers: Int, contactsThisWeek: Int, reason: EscalationReason) {
        self.tone = tone
        self.followers = followers
        self.contactsThisWeek = contactsThisWeek
        self.reason = reason
    }
}

/// One term of a priority, such as `+20 reach 250k followers`.
public struct PriorityContribution: Sendable, Equatable, Codable {
    public var points: Double
    public var reason: String

    public init(points: Double, reason: String) {
        self.points = points
        self.reason = reason
    }

    /// `+20 reach 250k followers`.
    public var description: String {
        let rounded = Int(points.rounded())
        return (rounded >= 0 ? "+\(rounded)" : "\(rounded)") + " " + reason
    }
}

/// A priority with the contributions that add up to it.
public struct Priority: Sendable, Equatable {
    public var contributions: [PriorityContribution]

    public init(contributions: [PriorityContribution]) { self.contributions = contributions }

    /// The total of all contributions.
    public var score: Double { contributions.reduce(0) { $0 + $1.points } }

    /// `+30 negative tone, +20 reach 250k followers, +15 waiting 42 min`.
    public var explanation: String {
        contributions.isEmpty ? "no priority signals" : contributions.map(\.description).joined(separator: ", ")
    }
}

/// The weights of the priority terms; every weight is configurable per deployment.
public struct PriorityWeights: Sendable, Equatable, Codable {
    public var negativeTone: Double = 30
    public var veryNegativeTone: Double = 40
    /// Follower tiers, highest first: at or above `followers`, add `points`.
    public var reachTiers: [ReachTier] = [
        ReachTier(followers: 1_000_000, points: 30), ReachTier(followers: 100_000, points: 20),
        ReachTier(followers: 10_000, points: 10),
    ]
    /// Points per hour of waiting: grows without bound so that nobody waits forever.
    public var waitingPerHour: Double = 20
    /// Points per earlier contact in the window, up to `repeatContactCap`.
    public var repeatContact: Double = 5
    public var repeatContactCap: Double = 20
    public var askedForPerson: Double = 25

    public init() {}

    /// A follower tier of the reach term.
    public struct ReachTier: Sendable, Equatable, Codable {
        public var followers: Int
        public var points: Double
        public init(followers: Int, points: Double) {
            self.followers = followers
            self.points = points
        }
    }
}

/// Computes explainable priorities.
///
/// The waiting term grows linearly with time, so `score(at:) = base + waitingPerHour × hours`.
/// Ordering by priority "now" is therefore ordering by `rankKey`, a value fixed at creation
/// (`base − waitingPerHour × createdHours`), which a store can index.
public struct PriorityPolicy: Sendable, Equatable {
    public var weights: PriorityWeights

    public init(weights: PriorityWeights = PriorityWeights()) { self.weights = weights }

    /// The priority terms that do not depend on time.
    public func basePriority(_ inputs: PriorityInputs) -> Priority {
        var terms: [PriorityContribution] = []
        switch inputs.tone {
        case .veryNegative: terms.append(PriorityContribution(points: weights.veryNegativeTone, reason: "very negative tone"))
        case .negative: terms.append(PriorityContribution(points: weights.negativeTone, reason: "negative tone"))
        case .neutral, .positive: break
        }
        if let tier = weights.reachTiers.sorted(by: { $0.followers > $1.followers })
            .first(where: { inputs.followers >= $0.followers })
        {
            terms.append(PriorityContribution(points: tier.points, reason: "reach \(Self.compact(inputs.followers)) followers"))
        }
        if inputs.contactsThisWeek > 1 {
            let points = min(weights.repeatContactCap, weights.repeatContact * Double(inputs.contactsThisWeek - 1))
            terms.append(
                PriorityContribution(points: points, reason: "\(Self.ordinal(inputs.contactsThisWeek)) contact this week"))
        }
        if inputs.reason == .customerAsked {
            terms.append(PriorityContribution(points: weights.askedForPerson, reason: "asked for a person"))
        }
        return Priority(contributions: terms)
    }

    /// The full priority at `now` for an escalation created at `createdAt`.
    public func priority(base: Priority, createdAt: Instant, now: Instant) -> Priority {
        let waitedMinutes = max(0, now.milliseconds(since: createdAt) / 60_000)
        guard waitedMinutes > 0 else { return base }
        let points = weights.waitingPerHour * Double(waitedMinutes) / 60
        var terms = base.contributions
        terms.append(PriorityContribution(points: points, reason: "waiting \(Self.duration(minutes: waitedMinutes))"))
        return Priority(contributions: terms)
    }

    /// The time-independent sort key: higher ranks first at every instant.
    public func rankKey(baseScore: Double, createdAt: Instant) -> Double {
        baseScore - weights.waitingPerHour * Double(createdAt.milliseconds) / 3_600_000
    }

    /// The score at `now` from a rank key.
    public func score(rankKey: Double, now: Instant) -> Double {
        rankKey + weights.waitingPerHour * Double(now.milliseconds) / 3_600_000
    }

    static func compact(_ count: Int) -> String {
        if count >= 1_000_000 { return trimmed(Double(count) / 1_000_000) + "M" }
        if count >= 1_000 { return trimmed(Double(count) / 1_000) + "k" }
        return String(count)
    }

    private static func trimmed(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return tenths % 10 == 0 || tenths >= 1000 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    static func ordinal(_ number: Int) -> String {
        let words = [2: "second", 3: "third", 4: "fourth", 5: "fifth"]
        if let word = words[number] { return word }
        let suffix = (11...13).contains(number % 100) ? "th" : (number % 10 == 1 ? "st" : number % 10 == 2 ? "nd" : number % 10 == 3 ? "rd" : "th")
        return "\(number)\(suffix)"
    }

    /// `42 min`, `2 h`, `3 h 5 min`.
    public static func duration(minutes: Int64) -> String {
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }
}
