import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Fuzz target `svg` (also compiled into Fuzz/): the input bytes choose a chart and its numbers
/// and texts (counts of any size and sign, dates of any value, labels and id prefixes of any
/// text). Every SVG must be well-formed XML made only of the chart vocabulary (so no input text
/// became markup), with finite, non-negative geometry, unique ids that its ARIA references find,
/// and the input's texts coming back exactly as given when the XML is read.
public enum SVGFuzz {
    public static func check(_ data: Data) -> [String] {
        var input = FuzzBytes(data)
        let prefix = input.text()
        switch input.byte() % 4 {
        case 0:
            let d = BiasDistribution(left: input.int(), center: input.int(), right: input.int(), unrated: input.int(),
                                     leftPct: input.percent(), centerPct: input.percent(), rightPct: input.percent(),
                                     unit: input.byte() % 2 == 0 ? "source" : input.text())
            let size: BiasBar.Size = input.byte() % 2 == 0 ? .full : .card
            let svg = BiasBar.svg(d, size: size, idPrefix: prefix)
            return SVGProperties.problems(svg, texts: [d.unit, prefix], desc: d.sentence)
        case 1:
            let f = FactualityMix(high: input.int(), mixed: input.int(), low: input.int(), unknown: input.int())
            let svg = FactualityBar.svg(f, idPrefix: prefix)
            return SVGProperties.problems(svg, texts: [prefix], desc: f.sentence)
        case 2:
            let count = Int(input.byte() % 24)
            let sides = ["left", "center", "right", "unrated", "Left", "LEFT", ""]
            var dates: [(date: Date, side: String)] = []
            for _ in 0..<count {
                let pick = Int(input.byte())
                dates.append((Date(timeIntervalSince1970: input.time()), pick < sides.count * 30 ? sides[pick % sides.count] : input.text()))
            }
            let undated = input.int()
            let hours = input.byte() % 2 == 0
            let t = Timeline.make(dates: dates, undated: undated, hours: hours)
            var problems = timelineProblems(t, dates: dates.count, undated: undated, hours: hours)
            // Long spans make up to 10,000 yearly buckets: fine for a page, too slow to fuzz twice.
            guard t.buckets.count <= 2_000 else { return problems }
            let svg = TimelineChart.svg(t, idPrefix: prefix)
            problems += SVGProperties.problems(svg, texts: [prefix], labels: Set(t.buckets.flatMap { [$0.label, $0.fullLabel] }))
            return problems
        default:
            let count = Int(input.byte() % 40)
            let units: [Timeline.Unit] = [.hour, .day, .week, .month, .year]
            let unit = units[Int(input.byte()) % units.count]
            var buckets: [Timeline.Bucket] = []
            for _ in 0..<count {
                let label = input.text()
                let full = input.byte() % 3 == 0 ? label : input.text()
                buckets.append(Timeline.Bucket(label: label, fullLabel: full, left: input.int(), center: input.int(), right: input.int(), unrated: input.int()))
            }
            let t = Timeline(unit: unit, buckets: buckets, undated: input.int())
            let svg = TimelineChart.svg(t, idPrefix: prefix)
            return SVGProperties.problems(svg, texts: [prefix] + buckets.flatMap { [$0.label, $0.fullLabel] }, labels: Set(buckets.flatMap { [$0.label, $0.fullLabel] }))
        }
    }

    static func timelineProblems(_ t: Timeline, dates: Int, undated: Int, hours: Bool) -> [String] {
        var problems: [String] = []
        func sum(_ a: Int, _ b: Int) -> Int { let (s, overflow) = a.addingReportingOverflow(b); return overflow ? Int.max : s }
        if sum(t.dated, t.undated) != sum(dates, max(0, undated)) {
            problems.append("timeline counts \(t.dated) dated + \(t.undated) undated of \(dates) dates and \(undated) undated")
        }
        if !hours && t.unit == .hour { problems.append("hourly buckets for dates without times") }
        if (t.dated > 0) != !t.buckets.isEmpty { problems.append("\(t.buckets.count) buckets for \(t.dated) dated articles") }
        if t.buckets.contains(where: { $0.label.isEmpty || $0.fullLabel.isEmpty }) { problems.append("a bucket without a label") }
        return problems
    }
}

/// What every chart SVG must be, read back with an XML parser.
public enum SVGProperties {
    static let elements: Set<String> = ["svg", "title", "desc", "rect", "text", "g", "line"]
    static let attributes: Set<String> = ["xmlns", "class", "viewBox", "role", "aria-labelledby", "id", "x", "y", "width", "height", "rx",
                                          "text-anchor", "dominant-baseline", "x1", "x2", "y1", "y2", "dx"]
    static let numeric: Set<String> = ["x", "y", "width", "height", "rx", "x1", "x2", "y1", "y2", "dx"]

    /// - Parameters:
    ///   - texts: input texts: markup they hold (`<script`, `<img`, comments, CDATA ends) must not reach the SVG.
    ///   - desc: the chart's description as its sentence says it, which `<desc>` must give back.
    ///   - labels: input labels: every x-axis label must read back as one of them.
    public static func problems(_ svg: String, texts: [String] = [], desc: String? = nil, labels: Set<String>? = nil) -> [String] {
        var problems: [String] = []
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        if !parser.parse() {
            return ["not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "?")) at line \(parser.lineNumber), column \(parser.columnNumber): \(String(svg.prefix(300)))"]
        }
        if reader.elements.first?.name != "svg" { problems.append("root element is \(reader.elements.first?.name ?? "none")") }
        if svg.range(of: "<script", options: .caseInsensitive) != nil { problems.append("contains <script") }
        var ids = Set<String>()
        var references: [String] = []
        for e in reader.elements {
            if !elements.contains(e.name) { problems.append("unexpected element <\(e.name)>") }
            for (name, value) in e.attributes {
                if !attributes.contains(name) { problems.append("unexpected attribute \(name)=\"\(value)\" on <\(e.name)>") }
                if numeric.contains(name) {
                    // Horizontal positions and widths are in percent of the chart's box (no viewBox).
                    let percent = value.hasSuffix("%")
                    if let v = Double(percent ? String(value.dropLast()) : value), v.isFinite {
                        if (name == "width" || name == "height") && v < 0 { problems.append("<\(e.name)> \(name)=\"\(value)\" is negative") }
                        if percent && (v < -0.05 || v > 100.05) { problems.append("<\(e.name)> \(name)=\"\(value)\" is outside the chart") }
                    } else {
                        problems.append("<\(e.name)> \(name)=\"\(value)\" is not a finite number")
                    }
                }
            }
            if let id = e.attributes["id"] {
                if !ids.insert(id).inserted { problems.append("duplicate id \(id)") }
                // An XML name, as `SVG.id` promises: a letter, then letters, digits and hyphens.
                if !(id.utf8.first.map { $0 >= 97 && $0 <= 122 } ?? false) || !id.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
                    problems.append("id \(String(reflecting: id)) is not [a-z][a-z0-9-]*")
                }
            }
            if let refs = e.attributes["aria-labelledby"] { references += refs.split(separator: " ").map(String.init) }
        }
        for r in references where !ids.contains(r) { problems.append("aria-labelledby names \(r), which no element has") }
        // One drawing for every width: as wide as its box, a height in pixels, no viewBox to scale its text.
        if let root = reader.elements.first {
            if root.attributes["viewBox"] != nil { problems.append("a viewBox scales the chart's text") }
            if root.attributes["width"] != "100%" { problems.append("width \(root.attributes["width"] ?? "none"), not 100%") }
            if !(Double(root.attributes["height"] ?? "").map { $0.isFinite && $0 > 0 } ?? false) { problems.append("height \(root.attributes["height"] ?? "none")") }
        }
        for text in texts {
            for marker in ["<script", "<img", "<!--", "]]>", "<![cdata["] where text.lowercased().contains(marker) && svg.lowercased().contains(marker) {
                problems.append("input text \(String(reflecting: String(text.prefix(60)))) put \(marker) into the SVG")
            }
        }
        if let desc {
            let read = reader.elements.first { $0.name == "desc" }?.text
            if read != xmlVisible(desc) { problems.append("<desc> reads \(String(reflecting: read ?? "nil")), not \(String(reflecting: desc))") }
        }
        if let labels {
            let visible = Set(labels.map(xmlVisible))
            for e in reader.elements where e.name == "text" && e.attributes["class"] == "axis-label axis-x" && !visible.contains(e.text) {
                problems.append("axis label reads \(String(reflecting: e.text)), which is no bucket's label")
            }
        }
        return problems
    }

    /// A text as an XML reader gives it back after `SVG.escape`: C0 controls other than tab and
    /// line feed, U+FFFE and U+FFFF cannot be written in XML 1.0, so they are dropped.
    static func xmlVisible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            ($0.value >= 0x20 || $0 == "\n" || $0 == "\t") && $0.value != 0xFFFE && $0.value != 0xFFFF
        }))
    }
}

final class SVGReader: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }
    var elements: [Element] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }
}

/// Reads numbers and texts from fuzz input, biased towards the values that break charts.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var i = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func byte() -> UInt8 {
        guard i < bytes.count else { return 0 }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func raw64() -> UInt64 {
        (0..<8).reduce(UInt64(0)) { v, _ in v << 8 | UInt64(byte()) }
    }

    /// Small counts mostly; sometimes negative, huge or the extremes.
    mutating func int() -> Int {
        let mode = byte()
        switch mode % 8 {
        case 0, 1, 2: return Int(byte() % 12)
        case 3: return Int(byte()) * 40 + Int(byte())
        case 4: return -Int(byte())
        case 5: return [Int.max, Int.min, Int.max / 2, Int(Int32.max), 1 << 53, -1][Int(byte()) % 6]
        default: return Int(bitPattern: UInt(raw64()))
        }
    }

    /// 0–100 mostly (as coverage computes them); sometimes any Int.
    mutating func percent() -> Int {
        byte() % 4 == 0 ? int() : Int(byte() % 101)
    }

    /// Seconds since 1970: around 2014, at any distance from it, at the edges of years 1–9999, or any bits.
    mutating func time() -> Double {
        switch byte() % 6 {
        case 0: return 1.4e9 + Double(Int16(bitPattern: UInt16(byte()) << 8 | UInt16(byte()))) * 60
        case 1: return 1.4e9 + Double(Int32(bitPattern: UInt32(truncatingIfNeeded: raw64())))
        case 2: return 1.4e9 + Double(Int16(bitPattern: UInt16(byte()) << 8 | UInt16(byte()))) * 86_400 * 7
        case 3: return [-62_135_596_800, -62_135_596_801, 253_402_300_799.9, 253_402_300_800, 0, -1, .nan, .infinity, -.infinity, .greatestFiniteMagnitude][Int(byte()) % 10]
        case 4: return Double(Int64(bitPattern: raw64()) % 400_000_000_000)
        default: return Double(bitPattern: raw64())
        }
    }

    /// A length byte and that many bytes as UTF-8 (invalid bytes become U+FFFD).
    mutating func text() -> String {
        let n = Int(byte() % 64)
        var chunk: [UInt8] = []
        for _ in 0..<n { chunk.append(byte()) }
        return String(decoding: chunk, as: UTF8.self)
    }
}
