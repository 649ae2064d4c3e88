import Foundation

/// The only URLs corpus text may turn into links: absolute http(s) URLs with a host (and mailto).
/// Anything else (`javascript:`, `data:`, relative paths, control characters) is refused.
public enum SafeURL {
    public static func web(_ raw: String?) -> String? {
        guard let raw = raw?.trimmed, !raw.isEmpty, raw.count <= 4096 else { return nil }
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == " " }) else { return nil }
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else { return nil }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { return nil }
            return raw
        case "mailto":
            return components.path.contains("@") ? raw : nil
        default:
            return nil
        }
    }
}
