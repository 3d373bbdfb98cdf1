extension EvaluationReport {
    /// The risk/coverage curve as a standalone SVG document: coverage on x, risk (1 − precision)
    /// on y, one dot per swept threshold, the recommended threshold marked.
    public var riskCoverageSVG: String {
        let width = 480.0
        let height = 320.0
        let margin = 48.0
        let plotWidth = width - 2 * margin
        let plotHeight = height - 2 * margin
        let maximumRisk = max(0.05, (sweep.map { 1 - $0.precision }.max() ?? 0.05))
        func x(_ coverage: Double) -> String { NumberFormatting.fixed(margin + coverage * plotWidth, 1) }
        func y(_ risk: Double) -> String { NumberFormatting.fixed(height - margin - risk / maximumRisk * plotHeight, 1) }
        let f = NumberFormatting.fixed
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="11">
            <title>Risk / coverage: \(JSONText.quoted(method).dropFirst().dropLast())</title>
            <rect width="100%" height="100%" fill="white"/>
            <line x1="\(x(0))" y1="\(y(0))" x2="\(x(1))" y2="\(y(0))" stroke="black"/>
            <line x1="\(x(0))" y1="\(y(0))" x2="\(x(0))" y2="\(y(maximumRisk))" stroke="black"/>
            <text x="\(f(width / 2, 0))" y="\(f(height - 12, 0))" text-anchor="middle">coverage (share of in-scope messages answered)</text>
            <text x="14" y="\(f(height / 2, 0))" text-anchor="middle" transform="rotate(-90 14 \(f(height / 2, 0)))">risk (1 − precision)</text>

            """
        for tick in 0...4 {
            let coverage = Double(tick) / 4
            let risk = maximumRisk * Double(tick) / 4
            svg += "<text x=\"\(x(coverage))\" y=\"\(f(height - margin + 14, 0))\" text-anchor=\"middle\">\(f(coverage, 2))</text>\n"
            svg += "<text x=\"\(f(margin - 4, 0))\" y=\"\(y(risk))\" text-anchor=\"end\">\(f(risk, 3))</text>\n"
        }
        let points = sweep.sorted { $0.coverage < $1.coverage }
        svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\""
        svg += points.map { "\(x($0.coverage)),\(y(1 - $0.precision))" }.joined(separator: " ")
        svg += "\"/>\n"
        for point in points {
            svg += "<circle cx=\"\(x(point.coverage))\" cy=\"\(y(1 - point.precision))\" r=\"2.5\" fill=\"#1f77b4\">"
            svg += "<title>threshold \(f(point.threshold, 2))</title></circle>\n"
        }
        if let recommended {
            svg += "<circle cx=\"\(x(recommended.coverage))\" cy=\"\(y(1 - recommended.precision))\" r=\"5\" "
            svg += "fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(x(recommended.coverage))\" y=\"\(f(margin - 8, 0))\" text-anchor=\"middle\" fill=\"#d62728\">"
            svg += "recommended threshold \(f(recommended.threshold, 2))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
