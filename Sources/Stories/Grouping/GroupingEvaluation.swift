/// B-cubed precision, recall and F1 of a grouping against true labels (Bagga & Baldwin 1998):
/// for each item, the share of its predicted group that truly belongs with it (precision) and the
/// share of its true group that was put with it (recall), averaged over items.
public struct GroupingScore: Sendable, Equatable, CustomStringConvertible {
    public var precision: Double
    public var recall: Double
    public var items: Int

    public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    /// Scores the items that have a true label; `predicted[i]` and `truth[i]` label item i.
    public init(predicted: [String], truth: [String?]) {
        var predictedGroups: [String: [Int]] = [:]
        var trueGroups: [String: Set<Int>] = [:]
        for (i, label) in truth.enumerated() {
            guard let label else { continue }
            predictedGroups[predicted[i], default: []].append(i)
            trueGroups[label, default: []].insert(i)
        }
        var p = 0.0, r = 0.0, n = 0
        for (i, label) in truth.enumerated() {
            guard let label, let mine = predictedGroups[predicted[i]], let real = trueGroups[label] else { continue }
            let together = mine.filter { real.contains($0) }.count
            p += Double(together) / Double(mine.count)
            r += Double(together) / Double(real.count)
            n += 1
        }
        precision = n > 0 ? p / Double(n) : 0
        recall = n > 0 ? r / Double(n) : 0
        items = n
    }

    public var description: String {
        "B-cubed precision \(Self.format(precision)), recall \(Self.format(recall)), F1 \(Self.format(f1)) over \(items) labelled articles"
    }

    static func format(_ x: Double) -> String {
        let scaled = Int((x * 1000).rounded())
        return "\(scaled / 1000).\(String(scaled % 1000).leftPadded(to: 3))"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
