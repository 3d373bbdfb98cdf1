/// Reads the fields of one JSON5 object with typed accessors that report what is wrong.
///
/// Creating a reader checks that the value is an object and reports unknown fields (with a
/// did-you-mean among the allowed ones). Accessors report wrong types and return nil, so a
/// decoder carries on and one run shows every problem.
struct FieldReader {
    let object: JSON5Object
    let location: SourceLocation
    /// What the object is, for messages: "a state", "an option".
    let what: String
    let log: LoadLog

    /// Nil (after reporting) when `value` is not an object.
    init?(_ value: JSON5Value, as what: String, fields allowed: [String], log: LoadLog) {
        guard case .object(let object) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "\(what) must be an object '{ … }', not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        self.object = object
        self.location = value.location
        self.what = what
        self.log = log
        for member in object.members where !allowed.contains(member.key) && member.key != "$schema" {
            let hint =
                Suggestion.closest(to: member.key, among: allowed).map { "; did you mean '\($0)'?" }
                ?? "; expected one of: \(allowed.joined(separator: ", "))"
            log.error(
                DiagnosticCode.unknownField, "unknown field '\(member.key)' in \(what)\(hint)", at: member.keyLocation)
        }
    }

    func value(_ key: String) -> JSON5Value? { object[key] }

    func has(_ key: String) -> Bool { object[key] != nil }

    func keyLocation(_ key: String) -> SourceLocation? { object.member(key)?.keyLocation }

    /// Reports that a required field is missing, at the object's opening brace.
    func reportMissing(_ key: String, _ hint: String = "") {
        log.error(DiagnosticCode.missingField, "\(what) needs '\(key)'\(hint)", at: location)
    }

    func string(_ key: String, required: Bool = false, nonEmpty: Bool = true) -> Located<String>? {
        guard let value = object[key] else {
            if required { reportMissing(key) }
            return nil
        }
        return ValueDecoding.string(value, field: key, log: log, nonEmpty: nonEmpty)
    }

    func bool(_ key: String) -> Located<Bool>? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "'\(key)' must be true or false, not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        return Located(value: flag, location: value.location)
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard let value = object[key] else { return nil }
        return ValueDecoding.integer(value, field: key, in: range, log: log)
    }

    func number(_ key: String, in range: ClosedRange<Double>) -> Located<Double>? {
        guard let value = object[key] else { return nil }
        return ValueDecoding.number(value, field: key, in: range, log: log)
    }

    /// The elements of an array field (nil after reporting when it is not an array).
    func array(_ key: String, required: Bool = false) -> Located<[JSON5Value]>? {
        guard let value = object[key] else {
            if required { reportMissing(key) }
            return nil
        }
        return ValueDecoding.array(value, field: key, log: log)
    }

    /// The strings of an array-of-strings field, each with its location.
    func strings(_ key: String, required: Bool = false) -> [Located<String>]? {
        guard let array = array(key, required: required) else { return nil }
        return array.value.compactMap { ValueDecoding.string($0, field: "each of '\(key)'", log: log) }
    }
}

/// Typed reads of single JSON5 values, reporting wrong types at the value.
enum ValueDecoding {
    static func string(_ value: JSON5Value, field: String, log: LoadLog, nonEmpty: Bool = true) -> Located<String>? {
        guard case .string(let text) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "'\(field)' must be a string, not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        if nonEmpty && isBlank(text) {
            log.error(DiagnosticCode.invalidValue, "'\(field)' must not be empty", at: value.location)
            return nil
        }
        return Located(value: text, location: value.location)
    }

    /// A name (state, intent, queue, flow): a non-empty string of at most `Limits.maximumNameLength`.
    static func name(_ value: JSON5Value, field: String, log: LoadLog) -> Located<String>? {
        guard let text = string(value, field: field, log: log) else { return nil }
        guard text.value.unicodeScalars.count <= Limits.maximumNameLength else {
            log.error(
                DiagnosticCode.limitExceeded,
                "'\(field)' is longer than \(Limits.maximumNameLength) characters; use a shorter name",
                at: value.location)
            return nil
        }
        return text
    }

    static func array(_ value: JSON5Value, field: String, log: LoadLog) -> Located<[JSON5Value]>? {
        guard case .array(let elements) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "'\(field)' must be an array '[ … ]', not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        return Located(value: elements, location: value.location)
    }

    static func integer(_ value: JSON5Value, field: String, in range: ClosedRange<Int>, log: LoadLog) -> Located<Int>? {
        guard case .number(let number) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "'\(field)' must be a whole number, not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        guard let integer = number.integer else {
            log.error(
                DiagnosticCode.wrongType,
                "'\(field)' must be a whole number between \(range.lowerBound) and \(range.upperBound)",
                at: value.location)
            return nil
        }
        guard range.contains(integer) else {
            log.error(
                DiagnosticCode.outOfRange,
                "'\(field)' is \(integer); it must be between \(range.lowerBound) and \(range.upperBound)",
                at: value.location)
            return nil
        }
        return Located(value: integer, location: value.location)
    }

    static func number(
        _ value: JSON5Value, field: String, in range: ClosedRange<Double>, log: LoadLog
    ) -> Located<Double>? {
        guard case .number(let number) = value.kind else {
            log.error(
                DiagnosticCode.wrongType, "'\(field)' must be a number, not \(value.typeDescription)",
                at: value.location)
            return nil
        }
        guard number.value.isFinite, range.contains(number.value) else {
            log.error(
                DiagnosticCode.outOfRange,
                "'\(field)' must be a number between \(format(range.lowerBound)) and \(format(range.upperBound))",
                at: value.location)
            return nil
        }
        return Located(value: number.value, location: value.location)
    }

    private static func format(_ number: Double) -> String {
        JSON5Number.exactInteger(number).map(String.init) ?? String(number)
    }
}
