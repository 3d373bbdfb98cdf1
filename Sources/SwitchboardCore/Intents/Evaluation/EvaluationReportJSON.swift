extension EvaluationReport {
    /// The report as a JSON object (stable key order, numbers rounded to 6 decimals, `null` for n/a).
    public var json: String {
        var out = JSONText()
        out.beginObject()
        out.field("method", string: method)
        out.field("intentCount", int: intentCount)
        out.field("trainingExamples", int: trainingExamples)
        out.field("evaluatedInScope", int: evaluatedInScope)
        out.field("evaluatedOutOfScope", int: evaluatedOutOfScope)
        out.field("accuracy", number: accuracy)
        out.field("macroF1", number: macroF1)
        out.field("expectedCalibrationError", number: reliability.expectedCalibrationError)
        out.field("temperature", number: temperature)
        out.field("auroc", number: areaUnderROC)
        out.field("targetPrecision", number: targetPrecision)
        out.field("outOfScopeShare", number: outOfScopeShare)
        out.key("recommended")
        if let recommended { out.point(recommended) } else { out.null() }
        out.key("sweep")
        out.beginArray()
        for point in sweep { out.point(point) }
        out.endArray()
        out.key("reliability")
        out.beginArray()
        for bin in reliability.bins {
            out.beginObject()
            out.field("lower", number: bin.lower)
            out.field("upper", number: bin.upper)
            out.field("count", int: bin.count)
            out.field("meanConfidence", number: bin.meanConfidence)
            out.field("accuracy", number: bin.accuracy)
            out.endObject()
        }
        out.endArray()
        out.key("confusedPairs")
        out.beginArray()
        for pair in confusedPairs {
            out.beginObject()
            out.field("expected", string: pair.expected.rawValue)
            out.field("predicted", string: pair.predicted.rawValue)
            out.field("count", int: pair.count)
            out.endObject()
        }
        out.endArray()
        out.key("nearDuplicates")
        out.beginArray()
        for pair in nearDuplicates {
            out.beginObject()
            out.field("first", string: pair.first.rawValue)
            out.field("second", string: pair.second.rawValue)
            out.field("firstAsSecond", int: pair.firstAsSecond)
            out.field("secondAsFirst", int: pair.secondAsFirst)
            out.field("rate", number: pair.rate)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.text + "\n"
    }
}

/// A minimal JSON writer: escapes strings per RFC 8259 and places the commas.
struct JSONText {
    private(set) var text = ""
    /// Per open container: whether a value has been written (so the next needs a comma).
    private var written = [false]

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        separate()
        text += Self.quoted(name) + ":"
        written[written.count - 1] = false
    }

    mutating func null() { value("null") }

    mutating func field(_ name: String, string: String) {
        key(name)
        value(Self.quoted(string))
    }

    mutating func field(_ name: String, int: Int) {
        key(name)
        value(String(int))
    }

    mutating func field(_ name: String, number: Double?) {
        key(name)
        if let number, number.isFinite { value(NumberFormatting.fixed(number, 6)) } else { value("null") }
    }

    mutating func point(_ point: ThresholdPoint) {
        beginObject()
        field("threshold", number: point.threshold)
        field("coverage", number: point.coverage)
        field("precision", number: point.precision)
        field("outOfScopeRecall", number: point.outOfScopeRecall)
        field("answered", int: point.answered)
        endObject()
    }

    private mutating func value(_ literal: String) {
        separate()
        text += literal
        written[written.count - 1] = true
    }

    private mutating func open(_ bracket: String) {
        separate()
        text += bracket
        written[written.count - 1] = true
        written.append(false)
    }

    private mutating func close(_ bracket: String) {
        if written.count > 1 { written.removeLast() }
        text += bracket
    }

    private mutating func separate() {
        if written[written.count - 1] { text += "," }
    }

    /// `value` as a JSON string literal.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
