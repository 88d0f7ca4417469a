import Foundation

/// One or several heat maps side by side, e.g. the accuracy of each model over a grid of
/// (dx, dy) shifts. Every panel shares the row and column labels and the colour scale:
/// a value v is coloured `Colour.heat((v − minimum) / (maximum − minimum))`, clamped.
public struct HeatMap: Picture, Sendable {
    public struct Panel: Sendable {
        public var title: String
        /// Rows top → bottom; a missing or non-finite value is drawn grey with "-".
        public var values: [[Double]]
        public init(title: String, values: [[Double]]) {
            self.title = title
            self.values = values
        }
    }

    public var panels: [Panel]
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var valueFormat: String
    public var minimum: Double
    public var maximum: Double
    /// Names of the row and column variables ("dy", "dx"), shown beside the labels when given.
    public var rowTitle: String?
    public var columnTitle: String?

    /// `valueFormat` is a printf format with one floating-point conversion (`%.2f`, `%5.1f%%`, `%g` …);
    /// any other format falls back to "%.2f".
    public init(panels: [Panel], rowLabels: [String], columnLabels: [String], valueFormat: String = "%.2f",
                minimum: Double = 0, maximum: Double = 1, rowTitle: String? = nil, columnTitle: String? = nil) {
        self.panels = panels
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.valueFormat = HeatMap.isSafeFormat(valueFormat) ? valueFormat : "%.2f"
        self.minimum = minimum
        self.maximum = maximum
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
    }

    /// Rows: the most of any panel's rows and the row labels.
    var rowCount: Int { panels.reduce(rowLabels.count) { max($0, $1.values.count) } }
    /// Columns: the longest row of any panel and the column labels.
    var columnCount: Int { panels.reduce(columnLabels.count) { max($0, $1.values.reduce(0) { max($0, $1.count) }) } }

    func value(_ panel: Panel, _ row: Int, _ column: Int) -> Double {
        guard row < panel.values.count, column < panel.values[row].count else { return .nan }
        return panel.values[row][column]
    }

    func rowLabel(_ i: Int) -> String { i < rowLabels.count ? rowLabels[i] : "" }
    func columnLabel(_ i: Int) -> String { i < columnLabels.count ? columnLabels[i] : "" }

    /// `v` in 0…1 on the colour scale (NaN stays NaN).
    func scaled(_ v: Double) -> Double {
        guard v.isFinite else { return .nan }
        return maximum > minimum ? (v - minimum) / (maximum - minimum) : 0.5
    }

    func formatted(_ v: Double) -> String {
        v.isFinite ? String(format: valueFormat, v) : "-"
    }

    /// True when `format` has exactly one conversion, of a floating-point type (e, E, f, F, g, G),
    /// with only flags, width and precision, plus any literal text and "%%".
    static func isSafeFormat(_ format: String) -> Bool {
        let chars = Array(format)
        var i = 0, conversions = 0
        while i < chars.count {
            guard chars[i] == "%" else { i += 1; continue }
            i += 1
            guard i < chars.count else { return false }
            if chars[i] == "%" { i += 1; continue }
            while i < chars.count, "-+ #0".contains(chars[i]) { i += 1 }
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            if i < chars.count, chars[i] == "." {
                i += 1
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            }
            guard i < chars.count, "eEfFgG".contains(chars[i]) else { return false }
            conversions += 1
            i += 1
        }
        return conversions == 1 && format.count <= 40
    }
}
