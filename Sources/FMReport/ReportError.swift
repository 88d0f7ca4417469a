import Foundation

/// What can go wrong keeping or reading a result; the text is made here.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// A result could not be turned into JSON (should not happen with plain values).
    case cannotEncode(kind: String, reason: String)
    /// Stored bytes that are not a kept result this fm knows (damaged, or from a newer fm).
    case unreadable(reason: String)

    public var description: String {
        switch self {
        case let .cannotEncode(kind, reason):
            return "cannot keep the \(kind) result: \(reason)"
        case let .unreadable(reason):
            return "a kept result cannot be read (\(reason)); it may come from a newer fm"
        }
    }

    /// A short reason for a decoding failure: the coding path and what was wrong.
    static func reason(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            let keys = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? c.debugDescription : "\(keys): \(c.debugDescription)"
        }
        switch error {
        case let .dataCorrupted(c), let .keyNotFound(_, c), let .typeMismatch(_, c), let .valueNotFound(_, c):
            return path(c)
        @unknown default:
            return "\(error)"
        }
    }
}
