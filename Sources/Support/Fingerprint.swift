import Foundation

/// A short content hash for fingerprinted asset names (64-bit FNV-1a, hex).
public enum Fingerprint {
    public static func of(_ data: Data) -> String {
        let hex = String(FNV1a.hash(data), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
