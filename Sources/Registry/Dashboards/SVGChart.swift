import Foundation

/// Charts drawn at build time as inline SVG, so pages work with JavaScript off and print well.
/// Every chart carries a title and description for screen readers; each page also gives its
/// data as a table and a CSV file.
enum SVGChart {
    /// GOV.UK Design System colours, one per phase in the order phases happen.
    static let phaseColours: [String: String] = [
        "planned": "#505a5f", "pilot": "#1d70b8", "implemented": "#00703c", "fully_established": "#005a30",
        "paused": "#f47738", "discontinued": "#d4351c", "retired": "#6f72af",
    ]
    static let phases = ["planned", "pilot", "implemented", "fully_established", "paused", "discontinued", "retired"]

    struct Bar: Sendable {
        var label: String
        /// Segments in order: a colour key and a value.
        var segments: [(key: String, value: Double)]
    }

    /// Horizontal bars, stacked when a bar has several segments.
    static func bars(_ bars: [Bar], title: String, description: String, colours: [String: String], unit: String = "") -> String {
        let barArea = 420.0, rowHeight = 26.0
        // The label column is as wide as the longest label, so no label is cut.
        let labelWidth = max(120, (bars.map { textWidth($0.label) }.max() ?? 0) + 16)
        let maximum = max(bars.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 0, 1)
        let valueWidth = (bars.map { textWidth(format($0.segments.reduce(0) { $0 + $1.value }) + unit) }.max() ?? 0) + 12
        let height = Double(bars.count) * rowHeight + 10
        var svg = open(width: labelWidth + barArea + valueWidth, height: height, title: title, description: description)
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 5
            svg += text(x: labelWidth - 8, y: y + 17, bar.label, anchor: "end")
            var x = labelWidth
            for segment in bar.segments where segment.value > 0 {
                let width = barArea * segment.value / maximum
                svg += ##"<rect x="\##(format(x))" y="\##(format(y + 3))" width="\##(format(width))" height="18" fill="\##(colours[segment.key] ?? "#1d70b8")"><title>\##(escape(bar.label)): \##(escape(VocabularyLabel.label(segment.key))) \##(format(segment.value))\##(unit)</title></rect>"##
                x += width
            }
            let total = bar.segments.reduce(0) { $0 + $1.value }
            svg += text(x: x + 6, y: y + 17, format(total) + unit, anchor: "start")
        }
        return svg + "</svg>"
    }

    /// Lines over time: one series per key, gaps where a value is withheld or missing.
    static func lines(
        periods: [String], series: [(key: String, values: [Double?])], title: String, description: String, colours: [String: String]
    ) -> String {
        let width = 680.0, height = 260.0, left = 40.0, bottom = 40.0, top = 10.0, right = 20.0
        let maximum = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1)
        let step = periods.count > 1 ? (width - left - right) / Double(periods.count - 1) : 0
        func point(_ index: Int, _ value: Double) -> (Double, Double) {
            (left + Double(index) * step, top + (height - top - bottom) * (1 - value / maximum))
        }
        var svg = open(width: width, height: height, title: title, description: description)
        svg += ##"<line x1="\##(left)" y1="\##(height - bottom)" x2="\##(width - right)" y2="\##(height - bottom)" stroke="#0b0c0c"/>"##
        svg += text(x: left - 6, y: top + 10, format(maximum), anchor: "end")
        svg += text(x: left - 6, y: height - bottom, "0", anchor: "end")
        // The first and last period labels are aligned to the ends of the axis, so they stay inside.
        for (index, period) in periods.enumerated() where index % 4 == 0 || index == periods.count - 1 {
            let anchor = index == 0 ? "start" : index == periods.count - 1 ? "end" : "middle"
            svg += text(x: point(index, 0).0, y: height - bottom + 18, period, anchor: anchor)
        }
        for line in series {
            var path = "", drawing = false
            for (index, value) in line.values.enumerated() {
                guard let value else { drawing = false; continue }
                let (x, y) = point(index, value)
                path += (drawing ? " L" : " M") + "\(format(x)) \(format(y))"
                drawing = true
            }
            svg += ##"<path d="\##(path)" fill="none" stroke="\##(colours[line.key] ?? "#1d70b8")" stroke-width="3"/>"##
        }
        return svg + "</svg>"
    }

    /// England's authorities as a hex grid ("odd-r" offset layout, r growing northwards),
    /// each cell coloured by a category and linked to its page.
    /// One authority on the hex map: where it sits, what colours it and where it links.
    typealias HexCell = (code: String, name: String, q: Int, r: Int, category: String, link: String?)

    static func hexMap(
        _ cells: [HexCell],
        title: String, description: String, colours: [String: String]
    ) -> String {
        let size = 11.0, w = sqrt(3) * size, h = 1.5 * size
        let maxR = cells.map(\.r).max() ?? 0, maxQ = cells.map(\.q).max() ?? 0
        // A group, not an image: its cells are links.
        var svg = open(width: (Double(maxQ) + 1.5) * w + 10, height: (Double(maxR) + 1) * h + size + 10, title: title,
                       description: description, role: "group")
        for cell in cells {
            let x = 5 + Double(cell.q) * w + (cell.r % 2 == 1 ? w / 2 : 0) + w / 2
            let y = 5 + Double(maxR - cell.r) * h + size
            let corners = (0..<6).map { index -> String in
                let angle = Double.pi / 180 * (60 * Double(index) - 30)
                return "\(format(x + size * cos(angle))),\(format(y + size * sin(angle)))"
            }.joined(separator: " ")
            let hexagon = ##"<polygon points="\##(corners)" fill="\##(colours[cell.category] ?? "#f3f2f1")" stroke="#b1b4b6" stroke-width="1"><title>\##(escape(cell.name)): \##(escape(VocabularyLabel.label(cell.category)))</title></polygon>"##
            svg += cell.link.map { ##"<a href="\##($0)" aria-label="\##(escape(cell.name))">\##(hexagon)</a>"## } ?? hexagon
        }
        return svg + "</svg>"
    }

    // MARK: - Drawing

    private static func open(width: Double, height: Double, title: String, description: String, role: String = "img") -> String {
        let id = "c" + String(stableHash(title + description), radix: 36)
        return ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(format(width)) \##(format(height))" width="100%" role="\##(role)" aria-labelledby="\##(id)-t \##(id)-d" class="chart"><title id="\##(id)-t">\##(escape(title))</title><desc id="\##(id)-d">\##(escape(description))</desc>"##
    }

    private static func text(x: Double, y: Double, _ text: String, anchor: String) -> String {
        ##"<text x="\##(format(x))" y="\##(format(y))" text-anchor="\##(anchor)" font-size="14">\##(escape(text))</text>"##
    }

    /// A generous estimate of a label's width at the charts' 14px: 0.62em a character, wider
    /// than the average character of the usual sans-serif faces, so the estimate is never short.
    static func textWidth(_ text: String) -> Double {
        Double(text.count) * 14 * 0.62
    }

    /// A hash that is the same in every run, so builds are reproducible.
    private static func stableHash(_ text: String) -> Int {
        text.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) } & 0x7fff_ffff
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
