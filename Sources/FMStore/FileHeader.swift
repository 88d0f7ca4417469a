import Foundation

/// The first 100 bytes of a SQLite database file, read when SQLite reports a damaged store so
/// that the error gives a precise reason ("truncated", "not a SQLite database") rather than
/// SQLite's generic "database disk image is malformed".
///
/// Layout (https://www.sqlite.org/fileformat.html, all integers big-endian):
/// offset 0: "SQLite format 3\0"; 16: page size (u16, 1 means 65536); 24: change counter (u32);
/// 28: database size in pages (u32), valid only when 92 (version-valid-for, u32) equals 24.
struct FileHeader {
    static let length = 100
    static let magic = Array("SQLite format 3\u{0}".utf8)

    var pageSize: Int
    /// Pages the file should hold, when the header's count is valid.
    var pageCount: Int?

    /// Explains why SQLite could not read the file at `path`, when its header shows it:
    /// not a SQLite file, cut inside the header, or shorter than its header's page count
    /// (only when the WAL beside it is empty: otherwise pages may legitimately live there).
    /// Nil when the header looks sound. Used only after SQLite reported damage, so a file
    /// caught in the middle of another process's checkpoint is never misjudged.
    static func diagnose(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let bytes = [UInt8](handle.readData(ofLength: length))
        let size = fileSize(path) ?? bytes.count
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            return "not a SQLite database: the file does not start with \"SQLite format 3\""
        }
        guard bytes.count == length else {
            return "the file is truncated: \(size) bytes, shorter than SQLite's \(length)-byte header"
        }
        let header = FileHeader(bytes)
        if fileSize(path + "-wal") ?? 0 == 0, let pages = header.pageCount, pages * header.pageSize > size {
            return "the file is truncated: \(size) bytes where its header promises \(pages * header.pageSize)"
        }
        return nil
    }

    /// Parses a complete 100-byte header.
    init(_ bytes: [UInt8]) {
        func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        let rawPageSize = u16(16)
        pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let count = u32(28)
        pageCount = (count > 0 && u32(24) == u32(92)) ? count : nil
    }
}
