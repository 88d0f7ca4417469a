/// Errors reading or writing model files; each names the file (or model) and what is wrong.
public enum InteropError: Error, CustomStringConvertible, Equatable {
    /// The file ends before the data its header promises.
    case truncated(file: String, detail: String)
    /// The safetensors header is not valid JSON, or an entry's dtype, shape or offsets are wrong.
    case badHeader(file: String, detail: String)
    /// The file's tensors do not fit the model's parameters (count, shapes or names).
    case mismatch(file: String, detail: String)
    /// The model cannot be written in the requested format.
    case export(model: String, format: String, detail: String)

    public var description: String {
        switch self {
        case let .truncated(file, detail): return "\(file) is truncated: \(detail)"
        case let .badHeader(file, detail): return "\(file) has a bad safetensors header: \(detail)"
        case let .mismatch(file, detail): return "\(file) does not fit the model: \(detail)"
        case let .export(model, format, detail): return "cannot export \(model) as \(format): \(detail)"
        }
    }
}
