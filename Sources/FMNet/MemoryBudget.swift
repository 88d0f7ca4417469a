#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many bytes a statement may ask for: the machine's physical memory, or the limit the
/// `FM_MEMORY` environment variable sets (`FM_MEMORY=2G`). The caller passes the environment,
/// so tests and the shell decide where it comes from.
public struct MemoryBudget: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// sysconf's physical pages, or /proc/meminfo's MemTotal.
        case physicalMemory
        /// The text of FM_MEMORY, as written.
        case setting(String)
        /// Neither could be read: no limit is applied.
        case unknown
    }

    public var bytes: Int
    public var source: Source

    public init(bytes: Int, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    public static let variable = "FM_MEMORY"

    /// FM_MEMORY when set (an unreadable value is `MemoryError.badSetting`), else physical memory.
    public static func current(environment: [String: String]) throws -> MemoryBudget {
        if let text = environment[variable], !text.isEmpty {
            guard let bytes = parse(text) else { throw MemoryError.badSetting(name: variable, value: text) }
            return MemoryBudget(bytes: bytes, source: .setting(text))
        }
        guard let physical = physicalMemory() else { return MemoryBudget(bytes: Int.max, source: .unknown) }
        return MemoryBudget(bytes: physical, source: .physicalMemory)
    }

    /// Physical memory in bytes: `sysconf(_SC_PHYS_PAGES) × page size`, else /proc/meminfo.
    public static func physicalMemory() -> Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0, size > 0, let bytes = CheckedSize.product(pages, size) { return bytes }
        return memTotal(from: (try? readText("/proc/meminfo")) ?? "")
    }

    /// The `MemTotal:  24563844 kB` line of /proc/meminfo, in bytes.
    static func memTotal(from meminfo: String) -> Int? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kB = Int(fields[1]) else { return nil }
            return CheckedSize.product(kB, 1024)
        }
        return nil
    }

    /// "2G", "512M", "1.5T", "3000000000", "2GB", "2GiB": decimal units (K = 10³, M = 10⁶,
    /// G = 10⁹, T = 10¹²), binary with an `i` (KiB = 2¹⁰ …), case-insensitive; nil for anything
    /// else, zero or negative, or beyond 64 bits.
    public static func parse(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: " ").uppercased()
        if t.hasSuffix("B") { t.removeLast() }
        var binary = false
        if t.hasSuffix("I") { t.removeLast(); binary = true }
        let powers: [Character: Int] = ["K": 1, "M": 2, "G": 3, "T": 4]
        var power = 0
        if let last = t.last, let p = powers[last] { power = p; t.removeLast() } else if binary { return nil }
        guard let number = Double(t), number.isFinite, number > 0 else { return nil }
        let scale = binary ? Double(1 << (10 * power)) : pow(1000, Double(power))
        let bytes = (number * scale).rounded()
        guard bytes >= 1, bytes < 9.2e18 else { return nil }
        return Int(bytes)
    }

    /// "this machine has 25.8 GB" or "FM_MEMORY allows 2 GB".
    public var phrase: String {
        switch source {
        case .physicalMemory, .unknown: return "this machine has \(MemoryBudget.format(bytes))"
        case .setting: return "\(MemoryBudget.variable) allows \(MemoryBudget.format(bytes))"
        }
    }

    /// Bytes in decimal units with three significant figures: "12.5 TB", "784 bytes", "2 GB".
    public static func format(_ bytes: Int) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 999.5 && unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        let digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2
        let scale = [1, 10, 100][digits]
        let scaled = Int((value * Double(scale)).rounded())
        var text = String(scaled / scale)
        var fraction = digits == 0 ? "" : String(scaled % scale)
        while fraction.count < digits { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return "\(text) \(units[unit])"
    }
}

private func readText(_ path: String) throws -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var out = [UInt8](), block = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&block, 1, block.count, file)
        if n <= 0 { break }
        out += block[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

/// A statement refused because of its memory, before anything was allocated.
public enum MemoryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// "dense 4000000000 needs 12.5 TB for its kernel; this machine has 25.8 GB".
    case exceeds(subject: String, part: String, needed: Int, budget: MemoryBudget)
    /// A size whose byte count overflows 64 bits.
    case beyondCounting(subject: String, part: String)
    case badSetting(name: String, value: String)
    case badBatchSize(Int)

    public var description: String {
        switch self {
        case let .exceeds(subject, part, needed, budget):
            return "\(subject) needs \(MemoryBudget.format(needed)) for \(part); \(budget.phrase)"
        case let .beyondCounting(subject, part):
            return "\(subject) needs more bytes for \(part) than a 64-bit count can number"
        case let .badSetting(name, value):
            return "\(name)=\(value) is not a size: give a number of bytes with an optional K, M, G or T, such as 2G"
        case let .badBatchSize(b):
            return "a batch size of \(b) is not usable: give at least 1"
        }
    }
}
