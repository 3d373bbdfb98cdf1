import SwitchboardCore

/// A small customer-care bot used across the classifier tests.
enum ToyBot {
    static let examples: [LabeledUtterance] = [
        ("refund", [
            "I want a refund", "refund my order please", "can I get my money back", "how do I get a refund",
            "return this and refund me", "money back please", "I need a refund for my purchase",
            "please refund the charge",
        ]),
        ("track_order", [
            "where is my package", "track my order", "when will my order arrive", "has my parcel shipped",
            "where's my delivery", "order status please", "tracking number for my order",
            "my package hasn't arrived",
        ]),
        ("reset_password", [
            "I forgot my password", "reset my password", "can't log in to my account", "password reset link",
            "I'm locked out of my account", "change my password", "login not working",
            "how do I recover my password",
        ]),
        ("opening_hours", [
            "what time do you open", "when are you open", "opening hours", "are you open on sunday",
            "what are your hours", "when do you close", "store hours today", "is the shop open now",
        ]),
        ("cancel_subscription", [
            "cancel my subscription", "I want to cancel my plan", "stop my membership", "end my subscription",
            "unsubscribe me from the plan", "how do I cancel", "terminate my account subscription",
            "please cancel the monthly plan",
        ]),
    ].flatMap { intent, texts in texts.map { LabeledUtterance(text: $0, intent: IntentID(intent)) } }

    static let outOfScope = [
        "what is the weather like", "tell me a joke", "who won the football game", "what is the capital of peru",
        "play some music", "how tall is mount everest",
    ]

    static let classifier = IntentClassifier(examples: examples)
}
