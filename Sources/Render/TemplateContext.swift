import Foundation
import TemplateEngine

extension TemplateValue {
    /// A page context as the page renderers still build it (`[String: Any]` of strings, numbers,
    /// flags, lists and dictionaries), converted once per page: the engine then looks names up
    /// over typed values, never through `Any`. (Typed view models per page kind replace this.)
    init(context value: Any) {
        switch value {
        case let s as String: self = .string(s)
        case let b as Bool: self = .bool(b)
        case let i as Int: self = .number(Double(i))
        case let x as Double: self = .number(x)
        case let s as Substring: self = .string(String(s))
        case let list as [[String: Any]]: self = .list(list.map { .object($0.mapValues(TemplateValue.init(context:))) })
        case let list as [String]: self = .list(list.map(TemplateValue.string))
        case let list as [Any]: self = .list(list.map(TemplateValue.init(context:)))
        case let object as [String: Any]: self = .object(object.mapValues(TemplateValue.init(context:)))
        case let optional as Optional<Any>:
            if case .some(let wrapped) = optional { self = TemplateValue(context: wrapped) } else { self = .null }
        }
    }
}

extension TemplateValue {
    /// The value as the page renderers' untyped contexts hold it (for the pages not yet made
    /// by a typed model): `TemplateValue(context:)` gives it back unchanged.
    var contextValue: Any {
        switch self {
        case .null: return Optional<Any>.none as Any
        case .bool(let b): return b
        case .number(let x): return x
        case .string(let s): return s
        case .list(let items): return items.map(\.contextValue)
        case .object(let fields): return fields.mapValues(\.contextValue)
        }
    }
}
