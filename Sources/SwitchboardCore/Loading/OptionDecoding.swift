/// Decodes quick-reply options and URL buttons, with X's limits.
extension LoadContext {
    /// `options: [{ label, description?, <action> }]`: at most 20, labels unique (ignoring case),
    /// descriptions on all options or none. `owner` names where they are, for the welcome check.
    func options(_ value: JSON5Value, owner: StateID?) -> [QuickReplyOption] {
        guard let array = ValueDecoding.array(value, field: "options", log: log) else { return [] }
        if array.value.isEmpty {
            log.error(
                DiagnosticCode.invalidValue, "'options' is empty; add options or remove the field", at: array.location)
        }
        if array.value.count > Limits.maximumOptions {
            log.error(
                DiagnosticCode.limitExceeded,
                "\(array.value.count) options; X shows at most \(Limits.maximumOptions) — move some to another state",
                at: array.location)
        }
        var options: [QuickReplyOption] = []
        var labels: [Located<String>] = []
        var seen: [String: SourceLocation] = [:]
        var described: [Located<Bool>] = []
        for element in array.value {
            guard
                let reader = FieldReader(
                    element, as: "an option", fields: ["label", "description"] + Self.actionFields, log: log)
            else { continue }
            let label = reader.string("label", required: true).flatMap { label -> Located<String>? in
                checkLength(label, field: "label", limit: Limits.maximumLabelLength) ? label : nil
            }
            let description = reader.string("description").flatMap { text -> Located<String>? in
                checkLength(text, field: "description", limit: Limits.maximumDescriptionLength) ? text : nil
            }
            described.append(Located(value: reader.has("description"), location: reader.location))
            let action = action(in: reader)
            guard let label else { continue }
            let key = normalizedPhrase(label.value)
            if let first = seen[key] {
                log.error(
                    DiagnosticCode.duplicateLabel,
                    "two options are labelled '\(label.value)'; a customer could not tell them apart",
                    at: label.location, notes: [.init("the first is here", at: first)])
            } else {
                seen[key] = label.location
            }
            labels.append(label)
            if let action {
                options.append(
                    QuickReplyOption(
                        label: label.value, description: description?.value, action: action, location: label.location))
            }
        }
        if let with = described.first(where: \.value), let without = described.first(where: { !$0.value }) {
            log.error(
                DiagnosticCode.invalidValue,
                "this option has no 'description' but others here do; X shows descriptions on all options or none",
                at: without.location, notes: [.init("an option with a description", at: with.location)])
        }
        if let owner { references.optionLabels[owner, default: []].append(contentsOf: labels) }
        return options
    }

    /// `buttons: [{ label, url }]`: at most 3, http(s) URLs.
    func buttons(_ value: JSON5Value) -> [URLButton] {
        guard let array = ValueDecoding.array(value, field: "buttons", log: log) else { return [] }
        if array.value.count > Limits.maximumButtons {
            log.error(
                DiagnosticCode.limitExceeded,
                "\(array.value.count) buttons; X shows at most \(Limits.maximumButtons) URL buttons", at: array.location
            )
        }
        return array.value.compactMap { element in
            guard let reader = FieldReader(element, as: "a button", fields: ["label", "url"], log: log) else {
                return nil
            }
            let label = reader.string("label", required: true).flatMap { label -> Located<String>? in
                checkLength(label, field: "label", limit: Limits.maximumButtonLabelLength) ? label : nil
            }
            let url = reader.string("url", required: true).flatMap { url -> Located<String>? in
                guard Self.isWebURL(url.value) else {
                    log.error(
                        DiagnosticCode.invalidURL,
                        "'\(url.value)' is not a web address; a button's url starts with https:// (or http://)",
                        at: url.location)
                    return nil
                }
                return url
            }
            guard let label, let url else { return nil }
            return URLButton(label: label.value, url: url.value, location: reader.location)
        }
    }

    func checkLength(_ text: Located<String>, field: String, limit: Int) -> Bool {
        let length = text.value.unicodeScalars.count
        guard length <= limit else {
            log.error(
                DiagnosticCode.limitExceeded,
                "'\(field)' is \(length) characters; X allows at most \(limit)", at: text.location)
            return false
        }
        return true
    }

    /// `http://` or `https://`, a host, no spaces.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else { return false }
        let rest = lower.dropFirst(scheme.count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.unicodeScalars.contains(where: isSpace) && text.count <= 2_048
    }
}
