extension EvaluationReport {
    /// The report as aligned plain-text tables, for a terminal.
    public var text: String {
        typealias F = NumberFormatting
        var lines: [String] = []
        lines.append("Intent classifier evaluation: \(method)")
        lines.append(
            "intents \(intentCount) · training examples \(trainingExamples) · evaluated \(evaluatedInScope) in scope"
                + (evaluatedOutOfScope > 0 ? ", \(evaluatedOutOfScope) out of scope" : ""))
        lines.append("")
        lines.append("accuracy        \(F.percent(accuracy))%")
        lines.append("macro-F1        \(F.percent(macroF1))%")
        lines.append("ECE             \(F.fixed(reliability.expectedCalibrationError, 4))  (temperature \(F.fixed(temperature, 4)))")
        if let areaUnderROC { lines.append("AUROC in/out    \(F.percent(areaUnderROC))%") }
        lines.append("")
        lines.append(
            "Recommended threshold for auto-answer precision ≥ \(F.percent(targetPrecision, 1))%"
                + (outOfScopeShare.map { " (out-of-scope weighted to \(F.percent($0, 0))% of traffic)" } ?? "") + ":")
        if let recommended {
            var line = "  threshold \(F.fixed(recommended.threshold, 2)) → coverage \(F.percent(recommended.coverage, 1))%, "
                + "precision \(F.percent(recommended.precision, 1))%"
            if let recall = recommended.outOfScopeRecall { line += ", out-of-scope recall \(F.percent(recall, 1))%" }
            lines.append(line)
        } else {
            lines.append("  none reaches the target on validation data: add examples or lower the target")
        }
        lines.append("")
        lines.append("Threshold sweep")
        lines.append(table(
            ["threshold", "coverage %", "precision %", "OOS recall %", "answered"],
            sweep.map {
                [F.fixed($0.threshold, 2), F.percent($0.coverage, 1), F.percent($0.precision, 1),
                 $0.outOfScopeRecall.map { F.percent($0, 1) } ?? "n/a", String($0.answered)]
            }))
        lines.append("")
        lines.append("Reliability (calibration)")
        lines.append(table(
            ["confidence", "count", "mean conf %", "accuracy %", "gap"],
            reliability.bins.filter { $0.count > 0 }.map {
                ["\(F.fixed($0.lower, 1))–\(F.fixed($0.upper, 1))", String($0.count), F.percent($0.meanConfidence, 1),
                 F.percent($0.accuracy, 1), F.fixed($0.accuracy - $0.meanConfidence, 3)]
            }))
        if !confusedPairs.isEmpty {
            lines.append("")
            lines.append("Most confused (expected → predicted)")
            lines.append(table(
                ["expected", "predicted", "count"],
                confusedPairs.map { [$0.expected.rawValue, $0.predicted.rawValue, String($0.count)] }))
        }
        if !nearDuplicates.isEmpty {
            lines.append("")
            lines.append("Possible near-duplicate intents (confused both ways)")
            lines.append(table(
                ["intent", "intent", "rate %", "a→b", "b→a"],
                nearDuplicates.map {
                    [$0.first.rawValue, $0.second.rawValue, F.percent($0.rate, 1), String($0.firstAsSecond),
                     String($0.secondAsFirst)]
                }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned table: text columns left, numeric columns right.
    private func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func isNumeric(_ column: Int) -> Bool {
            rows.allSatisfy { column < $0.count && ($0[column].first.map { $0.isNumber || $0 == "-" } ?? true) }
        }
        let numeric = header.indices.map(isNumeric)
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { NumberFormatting.pad($0.element, widths[$0.offset], right: numeric[$0.offset]) }
                .joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
