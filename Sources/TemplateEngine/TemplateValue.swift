/// A value a template is rendered over: what typed page models produce, with no `Any` in it, so
/// that a `{{name}}` is a dictionary lookup and a switch, not a chain of dynamic casts.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Whether a section renders for it (and an inverted section does not): everything but
    /// null, false and an empty list. An empty string counts as true, as in Mustache's reference
    /// implementation (Ruby) and swift-mustache: a model that means "nothing" leaves the key out.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .list(let items): return !items.isEmpty
        case .string, .number, .object: return true
        }
    }

    /// A count: a whole number, written without a decimal point.
    public static func int(_ n: Int) -> TemplateValue { .number(Double(n)) }

    /// The text an interpolation writes: a whole number without a decimal point.
    public var text: String {
        switch self {
        case .null, .list, .object: return ""
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .number(let x):
            if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(Dictionary(elements, uniquingKeysWith: { $1 })) }
    public init(nilLiteral: ()) { self = .null }
}
