import Foundation
import FMGraphics

/// Where results go: text for people, or one JSON object per line (`--json`).
/// Errors always go to standard error.
public final class Output {
    public let json: Bool
    public let style: TerminalStyle
    public let isTerminal: Bool
    /// How pictures are drawn (see `picture(_:)`); chosen once at launch by `Launcher.graphics`.
    public let graphics: TerminalGraphics
    private let write: (String) -> Void
    private let writeError: (String) -> Void

    /// `graphics` nil: as the style draws today, half blocks with colour, plain text without.
    public init(json: Bool, style: TerminalStyle, isTerminal: Bool, graphics: TerminalGraphics? = nil,
                write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                writeError: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.json = json
        self.style = style
        self.isTerminal = isTerminal
        self.graphics = graphics ?? (style.colour ? .blocks : .none)
        self.write = write
        self.writeError = writeError
    }

    /// Text meant for people; suppressed in JSON mode.
    public func text(_ s: String) {
        guard !json else { return }
        write(s.hasSuffix("\n") ? s : s + "\n")
    }

    /// Text written as is (progress bars with carriage returns), only at a terminal in text mode.
    public func live(_ s: String) {
        guard !json, isTerminal else { return }
        write(s)
    }

    /// A result object; printed only in JSON mode (text mode prints its own rendering).
    public func result(_ statement: String, _ fields: [(String, JSONValue)]) {
        guard json else { return }
        write(JSONValue.object([("statement", .string(statement))] + fields).text + "\n")
    }

    public func error(_ s: String) {
        writeError(s.hasSuffix("\n") ? s : s + "\n")
    }

    public func errorJSON(_ fields: [(String, JSONValue)]) {
        write(JSONValue.object(fields).text + "\n")
    }
}
