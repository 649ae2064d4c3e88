import CZlib
import Foundation

/// Reads a text file line by line, decompressing `.gz` files on the fly, so that a large corpus
/// never has to be held in memory whole. Lines are passed without their terminator (`\n` or `\r\n`).
public enum LineReader {
    public static func forEachLine(path: String, _ body: (_ line: Data, _ number: Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CorpusError.unreadable(path: path, reason: "no such file or no permission")
        }
        defer { try? handle.close() }
        var splitter = LineSplitter()
        if path.lowercased().hasSuffix(".gz") {
            try Gunzip.stream(handle: handle, path: path) { try splitter.feed($0, body) }
        } else {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try splitter.feed(chunk, body)
            }
        }
        try splitter.finish(body)
    }

    private struct LineSplitter {
        var pending = Data()
        var number = 0

        mutating func feed(_ chunk: Data, _ body: (Data, Int) throws -> Void) throws {
            pending.append(chunk)
            // Newlines found with memchr over the bytes, then the lines handed out: a byte-by-byte
            // `firstIndex(of:)` on `Data` was a tenth of the load.
            var newlines: [Int] = []
            pending.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                guard let base = raw.baseAddress else { return }
                var offset = 0
                while offset < raw.count, let hit = memchr(base + offset, 10, raw.count - offset) {
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    newlines.append(at)
                    offset = at + 1
                }
            }
            guard !newlines.isEmpty else { return }
            let origin = pending.startIndex
            var start = origin
            var number = self.number
            for offset in newlines {
                let newline = origin + offset
                var end = newline
                if end > start, pending[end - 1] == 13 { end -= 1 }
                number += 1
                try body(pending[start..<end], number)
                start = newline + 1
            }
            self.number = number
            pending = Data(pending[start...])
        }

        mutating func finish(_ body: (Data, Int) throws -> Void) throws {
            if !pending.isEmpty {
                number += 1
                try body(pending, number)
                pending = Data()
            }
        }
    }
}

/// Streaming gzip decompression over zlib (handles multi-member files, as `cat a.gz b.gz` makes).
enum Gunzip {
    static func stream(handle: FileHandle, path: String, _ sink: (Data) throws -> Void) throws {
        var stream = z_stream()
        // 15 window bits + 32: accept gzip or zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CorpusError.unreadable(path: path, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let outSize = 1 << 20
        var output = [UInt8](repeating: 0, count: outSize)
        var ended = false
        while true {
            let chunk = try handle.read(upToCount: 1 << 18) ?? Data()
            let atEOF = chunk.isEmpty
            var input = [UInt8](chunk)
            var offset = 0
            // Inflate until this chunk is used up and zlib has nothing more to give for it.
            while true {
                var produced = 0
                let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
                    output.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_in = inBuf.baseAddress.map { $0 + offset }
                        stream.avail_in = uInt(inBuf.count - offset)
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outSize)
                        let status = inflate(&stream, Z_NO_FLUSH)
                        offset = inBuf.count - Int(stream.avail_in)
                        produced = outSize - Int(stream.avail_out)
                        return status
                    }
                }
                if produced > 0 { try sink(Data(output[0..<produced])) }
                switch status {
                case Z_STREAM_END:
                    ended = true
                    guard offset < input.count else { break }
                    inflateReset(&stream) // another gzip member follows
                    ended = false
                    continue
                case Z_OK:
                    ended = false
                case Z_BUF_ERROR:
                    break // no progress possible without more input
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw CorpusError.unreadable(path: path, reason: "corrupt gzip data (\(reason))")
                }
                if status == Z_STREAM_END || status == Z_BUF_ERROR { break }
                if offset >= input.count && produced < outSize { break }
            }
            if atEOF { break }
        }
        guard ended else {
            throw CorpusError.unreadable(path: path, reason: "gzip data ends early (truncated file?)")
        }
    }
}
