/// How pictures reach the terminal: real pixels through one of three protocols, or text.
public enum TerminalGraphics: String, Sendable, CaseIterable {
    /// The kitty graphics protocol (kitty, WezTerm, Ghostty): PNG in APC escapes.
    case kitty
    /// iTerm2's inline images (iTerm2, WezTerm, VS Code's terminal): a whole file in OSC 1337.
    case iterm
    /// DEC sixel (xterm -ti vt340, foot, mlterm, Windows Terminal, …): six-pixel bands in DCS.
    case sixel
    /// Half-block characters in colour, as `Picture.terminal` draws them with colour on.
    case blocks
    /// Plain text (`Picture.terminal` with colour off): not a terminal, TERM=dumb or NO_COLOR.
    case none

    /// The protocol the environment says the terminal has, in this order:
    /// 1. `FM_GRAPHICS` = blocks, kitty, iterm, sixel or none (any case) forces that one, even when
    ///    output is not a terminal (to write the escapes to a file);
    /// 2. `.none` when output is not a terminal, TERM is unset, empty or "dumb", or NO_COLOR is set
    ///    (the cases where `TerminalStyle.detect` turns colour off);
    /// 3. `.blocks` inside tmux or screen (TMUX or STY set, TERM screen…/tmux…), which would need
    ///    every escape wrapped to pass it on;
    /// 4. `.kitty` for KITTY_WINDOW_ID, TERM=xterm-kitty or xterm-ghostty, TERM_PROGRAM=ghostty;
    /// 5. `.iterm` for TERM_PROGRAM=iTerm.app, WezTerm or vscode, or LC_TERMINAL=iTerm2 (over ssh);
    /// 6. `.sixel` for TERM foot…, mlterm…, contour, yaft…, or any TERM containing "sixel";
    /// 7. otherwise `.blocks` (see `isUnclear` and `queriedSixel`).
    public static func detect(environment: [String: String], isTerminal: Bool) -> TerminalGraphics {
        if let forced = environment["FM_GRAPHICS"].flatMap({ TerminalGraphics(rawValue: $0.lowercased()) }) { return forced }
        let term = environment["TERM"] ?? ""
        guard isTerminal, !term.isEmpty, term != "dumb", environment["NO_COLOR"] == nil else { return .none }
        if environment["TMUX"] != nil || environment["STY"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux") {
            return .blocks
        }
        let program = environment["TERM_PROGRAM"] ?? ""
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || term == "xterm-ghostty" || program == "ghostty" {
            return .kitty
        }
        if ["iTerm.app", "WezTerm", "vscode"].contains(program) || environment["LC_TERMINAL"] == "iTerm2" { return .iterm }
        if ["foot", "mlterm", "contour", "yaft"].contains(where: { term.hasPrefix($0) }) || term.contains("sixel") { return .sixel }
        return .blocks
    }

    /// True when `detect` chose `.blocks` only for want of knowing better (a terminal such as
    /// xterm, Konsole or an unknown TERM, not forced, not a multiplexer): then asking the terminal
    /// (`queriedSixel`) may find sixel.
    public static func isUnclear(environment: [String: String], isTerminal: Bool) -> Bool {
        guard detect(environment: environment, isTerminal: isTerminal) == .blocks else { return false }
        let term = environment["TERM"] ?? ""
        let forced = environment["FM_GRAPHICS"].flatMap { TerminalGraphics(rawValue: $0.lowercased()) } != nil
        let multiplexed = environment["TMUX"] != nil || environment["STY"] != nil || term.hasPrefix("screen") || term.hasPrefix("tmux")
        return !forced && !multiplexed
    }

    /// `detect`, then, when `query` is true and the environment is unclear, `.sixel` if the
    /// terminal answers the primary device attributes query with attribute 4 (see `queriedSixel`).
    public static func detect(environment: [String: String], isTerminal: Bool, query: Bool) -> TerminalGraphics {
        let found = detect(environment: environment, isTerminal: isTerminal)
        guard query, isUnclear(environment: environment, isTerminal: isTerminal) else { return found }
        return TerminalQuery.primaryAttributes(timeoutMilliseconds: 200)?.contains(4) == true ? .sixel : found
    }

    /// The escape sequence that shows `raster` with this protocol, ending in a newline; nil for
    /// `.blocks` and `.none`, which draw with `Picture.terminal`.
    public func escape(for raster: Raster) -> String? {
        switch self {
        case .kitty: return TerminalImage.kitty(png: PNG.encode(raster)) + "\n"
        case .iterm: return TerminalImage.iterm(png: PNG.encode(raster)) + "\n"
        case .sixel: return Sixel.encode(raster) + "\n"
        case .blocks, .none: return nil
        }
    }

    /// `escape(for:)` of a picture's raster: charts, heat maps and image grids as their PNGs are drawn.
    public func escape(for picture: Picture) -> String? {
        guard self != .blocks && self != .none else { return nil }
        let raster = (picture as? RasterPicture)?.raster() ?? (try? PNG.decode(picture.png()))
        return raster.flatMap { escape(for: $0) }
    }
}

/// A picture that can hand over its pixels without a PNG round trip.
public protocol RasterPicture: Picture {
    func raster() -> Raster
}

extension ImageGrid: RasterPicture {}
extension LineChart: RasterPicture {}
extension HeatMap: RasterPicture {}
