/// Decodes texts the bot says (`"text"` or `["variant", …]`) and checks their templates.
extension LoadContext {
    /// A message: one string or a non-empty array of strings, each non-empty and within `limit`.
    func message(_ value: JSON5Value, field: String, limit: Int = Limits.maximumTextLength) -> MessageText? {
        let variants: [Located<String>]
        switch value.kind {
        case .string(let text):
            variants = [Located(value: text, location: value.location)]
        case .array(let elements):
            guard !elements.isEmpty else {
                log.error(
                    DiagnosticCode.emptyMessage, "'\(field)' is an empty list; give at least one text",
                    at: value.location)
                return nil
            }
            variants = elements.compactMap { element in
                guard case .string(let text) = element.kind else {
                    log.error(
                        DiagnosticCode.wrongType,
                        "each variant of '\(field)' must be a string, not \(element.typeDescription)",
                        at: element.location)
                    return nil
                }
                return Located(value: text, location: element.location)
            }
        default:
            log.error(
                DiagnosticCode.wrongType,
                "'\(field)' must be a string or a list of strings, not \(value.typeDescription)", at: value.location)
            return nil
        }
        var valid = true
        for variant in variants where !checkText(variant, field: field, limit: limit) { valid = false }
        guard valid, !variants.isEmpty else { return nil }
        return MessageText(variants: variants.map(\.value), location: value.location)
    }

    /// Checks one text: not empty, within the limit, templates known. Records slot uses.
    func checkText(_ text: Located<String>, field: String, limit: Int = Limits.maximumTextLength) -> Bool {
        guard !text.value.trimmingSpaces().isEmpty else {
            log.error(
                DiagnosticCode.emptyMessage, "'\(field)' is empty; write what the bot says, or remove the field",
                at: text.location)
            return false
        }
        let length = text.value.unicodeScalars.count
        guard length <= limit else {
            log.error(
                DiagnosticCode.limitExceeded,
                "'\(field)' is \(length) characters; X allows at most \(limit) — shorten it or split it into states",
                at: text.location)
            return false
        }
        return checkTemplates(text, field: field)
    }

    private func checkTemplates(_ text: Located<String>, field: String) -> Bool {
        guard text.value.contains("{{") else { return true }
        let opens = text.value.ranges(of: "{{").count
        let variables = TemplateRenderer.variables(in: text.value)
        var valid = true
        if opens > variables.count {
            log.error(
                DiagnosticCode.unknownVariable, "'{{' in '\(field)' is not closed with '}}'", at: text.location)
            valid = false
        }
        for name in variables {
            if TemplateRenderer.userVariables.contains(name) { continue }
            if name.hasPrefix("slot.") {
                let slot = String(name.dropFirst(5))
                if Self.isSlotName(slot) {
                    references.slotUses.append(Located(value: slot, location: text.location))
                    continue
                }
            }
            let known = TemplateRenderer.userVariables.sorted()
            let hint = Suggestion.closest(to: name, among: known).map { "did you mean '{{\($0)}}'?" }
                ?? "use {{user.name}}, {{user.handle}} or {{slot.NAME}}"
            log.error(DiagnosticCode.unknownVariable, "unknown variable '{{\(name)}}'; \(hint)", at: text.location)
            valid = false
        }
        return valid
    }

    /// A slot name: a letter or '_' then letters, digits or '_' (it appears in `{{slot.NAME}}`).
    static func isSlotName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= Limits.maximumNameLength else {
            return false
        }
        let isLetter = { (scalar: Unicode.Scalar) in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
        }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ($0 >= "0" && $0 <= "9") }
    }
}
