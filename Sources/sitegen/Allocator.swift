import CMimalloc
#if canImport(Glibc)
import Glibc
#endif

/// The memory allocator. `sitegen` links mimalloc (Debian's libmimalloc-dev), whose `malloc`
/// then serves the whole process in place of the C library's: on the AllSides corpus builds are
/// about 10% faster and peak memory about 120 MB lower than with glibc's allocator, which the
/// pipeline's many small strings and arrays kept busy (Benchmarks/run.sh, issue #9).
enum Allocator {
    /// "mimalloc 2.0.9" when mimalloc serves this process's `malloc`; nil when the C library does.
    static var inUse: String? {
        guard let block = malloc(16) else { return nil }
        defer { free(block) }
        guard mi_is_in_heap_region(block) else { return nil }
        let v = Int(mi_version())
        return "mimalloc \(v / 100).\(v % 100 / 10).\(v % 10)"
    }
}
