#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How pictures are drawn in the terminal.
public struct TerminalStyle: Sendable, Equatable {
    /// Columns available (1…4096; larger values are treated as 4096).
    public var width: Int
    /// false: plain ASCII shading (" .:-=+*#%@"), no escape sequences.
    public var colour: Bool
    /// With colour: 24-bit escape sequences (`38;2;r;g;b`) instead of the 256-colour palette.
    public var trueColour: Bool

    public init(width: Int, colour: Bool, trueColour: Bool = false) {
        self.width = min(4096, max(1, width))
        self.colour = colour
        self.trueColour = colour && trueColour
    }

    /// From the environment: colour only when stdout is a terminal, TERM is set and not "dumb" and
    /// NO_COLOR is unset (any value, per no-color.org); 24-bit colour when COLORTERM is "truecolor" or
    /// "24bit". Width from COLUMNS (a positive number), else the terminal's size (ioctl TIOCGWINSZ on
    /// stdout) when it is one, else 80.
    public static func detect(environment: [String: String], isTerminal: Bool) -> TerminalStyle {
        let term = environment["TERM"] ?? ""
        let colour = isTerminal && !term.isEmpty && term != "dumb" && environment["NO_COLOR"] == nil
        let colourTerm = (environment["COLORTERM"] ?? "").lowercased()
        var width = 80
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingSpaces) }), columns > 0 {
            width = columns
        } else if isTerminal, let columns = terminalColumns() {
            width = columns
        }
        return TerminalStyle(width: width, colour: colour, trueColour: colourTerm == "truecolor" || colourTerm == "24bit")
    }

    /// The same style with the width brought within 1…4096 (the fields are public and may have
    /// been set directly).
    var clamped: TerminalStyle { TerminalStyle(width: width, colour: colour, trueColour: trueColour) }

    /// The width of the terminal on stdout, or nil when stdout is not one.
    static func terminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
