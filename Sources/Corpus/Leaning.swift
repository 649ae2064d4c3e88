/// An outlet's bias rating on the five-point scale used by AllSides and (folded) MBFC.
public enum Leaning: String, Sendable, CaseIterable, Codable, Comparable {
    case left
    case leanLeft = "lean-left"
    case center
    case leanRight = "lean-right"
    case right

    /// Parses the spellings seen in rating lists ("Lean Left", "lean_left", "leftcenter" …).
    public init?(rating: String) {
        let key = rating.lowercased().filter { $0.isLetter }
        switch key {
        case "left", "farleft", "extremeleft": self = .left
        case "leanleft", "leftcenter", "centerleft": self = .leanLeft
        case "center", "centre", "leastbiased": self = .center
        case "leanright", "rightcenter", "centerright": self = .leanRight
        case "right", "farright", "extremeright": self = .right
        default: return nil
        }
    }

    /// The three-way side this rating counts toward in bias distributions.
    public var side: Side {
        switch self {
        case .left, .leanLeft: return .left
        case .center: return .center
        case .leanRight, .right: return .right
        }
    }

    /// Human label: "Lean Left".
    public var label: String {
        switch self {
        case .left: return "Left"
        case .leanLeft: return "Lean Left"
        case .center: return "Center"
        case .leanRight: return "Lean Right"
        case .right: return "Right"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Leaning, b: Leaning) -> Bool { a.order < b.order }
}

/// The side of a bias distribution: the five ratings folded to three, plus unrated.
public enum Side: String, Sendable, CaseIterable, Codable, Comparable {
    case left, center, right, unrated

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The three rated sides, in reading order.
    public static let rated: [Side] = [.left, .center, .right]

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Side, b: Side) -> Bool { a.order < b.order }
}

/// How factual an outlet's reporting is rated (MBFC's scale folded to three, plus unknown).
public enum Factuality: String, Sendable, CaseIterable, Codable, Comparable {
    case high, mixed, low, unknown

    public init(rating: String?) {
        let key = (rating ?? "").lowercased().filter { $0.isLetter }
        switch key {
        case "high", "veryhigh", "mostlyfactual": self = .high
        case "mixed": self = .mixed
        case "low", "verylow": self = .low
        default: self = .unknown
        }
    }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Factuality, b: Factuality) -> Bool { a.order < b.order }
}
