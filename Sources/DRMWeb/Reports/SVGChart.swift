import Foundation

/// A chart drawn on the server as inline SVG (no script): a line of values over time or bars per label. Values are
/// scaled to the largest one; each point or bar has a `<title>` with its exact value.
struct SVGChart: Sendable {
    enum Style: Sendable {
        case line
        case bar
    }

    var title: String
    var style: Style
    /// Label and value of each point or bar, in order; `nil` values leave a gap.
    var points: [(label: String, value: Double?)]
    var unit: String
    var width = 640
    var height = 220

    var html: HTML {
        let left = 48.0
        let bottom = 28.0
        let top = 12.0
        let plotWidth = Double(width) - left - 8
        let plotHeight = Double(height) - top - bottom
        let maximum = max(points.compactMap(\.value).max() ?? 0, 0.000_001)
        let count = max(points.count, 1)
        let step = plotWidth / Double(count)
        func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
        func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
        }
        var marks: [HTML] = []
        switch style {
        case .bar:
            for (index, point) in points.enumerated() {
                guard let value = point.value else { continue }
                let x = left + Double(index) * step + step * 0.15
                let barTop = y(value)
                let barHeight = top + plotHeight - barTop
                marks.append(
                    """
                    <rect class="bar" x="\(format(x))" y="\(format(barTop))" width="\(format(step * 0.7))" \
                    height="\(format(barHeight))" fill="#3b6ea5"><title>\(point.label): \(format(value)) \(unit)</title></rect>
                    """)
            }
        case .line:
            let coordinates = points.enumerated().compactMap { index, point in
                point.value.map { (left + Double(index) * step + step / 2, y($0), point.label, $0) }
            }
            let path = coordinates.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " ")
            marks.append(
                "<polyline class=\"line\" fill=\"none\" stroke=\"#3b6ea5\" stroke-width=\"2\" points=\"\(path)\"/>")
            for (x, y, label, value) in coordinates {
                marks.append(
                    "<circle class=\"dot\" cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"3\" fill=\"#3b6ea5\"><title>\(label): \(format(value)) \(unit)</title></circle>"
                )
            }
        }
        let first = points.first?.label ?? ""
        let last = points.last?.label ?? ""
        return """
            <figure class="chart"><figcaption>\(title)</figcaption>\
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(title)" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">\
            <line x1="\(format(left))" y1="\(format(top + plotHeight))" x2="\(format(Double(width) - 8))" y2="\(format(top + plotHeight))" stroke="#888"/>\
            <line x1="\(format(left))" y1="\(format(top))" x2="\(format(left))" y2="\(format(top + plotHeight))" stroke="#888"/>\
            <text x="\(format(left - 4))" y="\(format(top + 8))" text-anchor="end" font-size="10">\(format(maximum)) \(unit)</text>\
            <text x="\(format(left - 4))" y="\(format(top + plotHeight))" text-anchor="end" font-size="10">0</text>\
            <text x="\(format(left))" y="\(height - 8)" font-size="10">\(first)</text>\
            <text x="\(format(Double(width) - 8))" y="\(height - 8)" text-anchor="end" font-size="10">\(last)</text>\
            \(marks)</svg></figure>
            """
    }
}
