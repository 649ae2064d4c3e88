import Mustache

// How swift-mustache should treat the two scalar types the page contexts are mostly made of,
// stated once instead of worked out on every use. Without these, each `{{name}}` holding a String
// or an Int took three failed dynamic casts and `String(describing:)`, and each name looked up
// inside a section that pushed one (`{{#date}}…{{date_iso}}…{{/date}}`) reflected it with
// `Mirror` first: together an eighth of a story page's CPU.
//
// Templates see no difference: each conformance says what swift-mustache found out by itself. The
// text is the value's own (`String(describing:)` of a String or an Int), neither is ever null, and
// neither has children (a Mirror of either has no labelled ones). Strings stay Strings, so
// transforms (`{{uppercased(title)}}`) and dynamic partials (`{{>*name}}`) work as before.
// `@retroactive`: if swift-mustache ever adds these conformances itself, delete these.

extension String: @retroactive MustacheParent, @retroactive MustacheCustomRenderable {
    public func child(named: String) -> Any? { nil }
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheParent, @retroactive MustacheCustomRenderable {
    public func child(named: String) -> Any? { nil }
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
