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
        guard !isBlank(text.value) else {
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
        var valid = true
        for template in Self.templates(in: text.value) {
            let place = location(of: template.open, in: text)
            guard let rawName = template.name else {
                log.error(DiagnosticCode.unknownVariable, "'{{' in '\(field)' is not closed with '}}'", at: place)
                return false
            }
            let name = rawName.trimmingSpaces()
            if TemplateRenderer.userVariables.contains(name) { continue }
            if name.hasPrefix("slot."), Self.isSlotName(String(name.dropFirst(5))) {
                references.slotUses.append(Located(value: String(name.dropFirst(5)), location: place))
                continue
            }
            let known = TemplateRenderer.userVariables.sorted()
            let hint =
                Suggestion.closest(to: name, among: known).map { "did you mean '{{\($0)}}'?" }
                ?? "use {{user.name}}, {{user.handle}} or {{slot.NAME}}"
            log.error(DiagnosticCode.unknownVariable, "unknown variable '{{\(name)}}'; \(hint)", at: place)
            valid = false
        }
        return valid
    }

    /// The `{{name}}` templates of a text, in order: where each `{{` is and the name inside
    /// (nil for a `{{` with no `}}` after it, which ends the list). Same pairing as
    /// `TemplateRenderer`, scanned over UTF-8 bytes.
    static func templates(in text: String) -> [(open: String.Index, name: Substring?)] {
        let utf8 = text.utf8
        let brace: UInt8 = 0x7B
        let closing: UInt8 = 0x7D
        var found: [(open: String.Index, name: Substring?)] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            guard utf8[index] == brace, next < utf8.endIndex, utf8[next] == brace else {
                index = next
                continue
            }
            let nameStart = utf8.index(after: next)
            var cursor = nameStart
            var nameEnd: String.Index?
            while cursor < utf8.endIndex {
                let after = utf8.index(after: cursor)
                if utf8[cursor] == closing, after < utf8.endIndex, utf8[after] == closing {
                    nameEnd = cursor
                    break
                }
                cursor = after
            }
            guard let nameEnd else {
                found.append((index, nil))
                break
            }
            found.append((index, text[nameStart..<nameEnd]))
            index = utf8.index(nameEnd, offsetBy: 2)
        }
        return found
    }

    /// The place of a character inside a string value: exact when the string has no escape
    /// before it (so its text is the file's bytes), else the string's opening quote.
    func location(of index: String.Index, in text: Located<String>) -> SourceLocation {
        let quote = text.location.offset
        guard let bytes = sources[text.location.file], quote < bytes.count,
            bytes[quote] == UInt8(ascii: "\"") || bytes[quote] == UInt8(ascii: "'")
        else { return text.location }
        let prefix = text.value[..<index]
        let end = quote + 1 + prefix.utf8.count
        guard end <= bytes.count, !bytes[(quote + 1)..<end].contains(UInt8(ascii: "\\")) else {
            return text.location
        }
        var location = text.location
        location.column += 1 + prefix.unicodeScalars.count
        location.offset = end
        return location
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
