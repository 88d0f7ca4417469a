import FMGraphics
import FMData
import FMLanguage

extension Output {
    /// Draws `picture` in the terminal the one way every drawing statement does: real pixels as
    /// kitty, iTerm2 or sixel escapes, half blocks in colour, or plain text, as `graphics` says.
    /// Nothing in JSON mode, which carries no drawings (see docs/json.md).
    public func picture(_ picture: Picture) {
        guard !json else { return }
        switch graphics {
        case .kitty, .iterm, .sixel:
            // A picture that cannot be rasterised (never expected) still shows, as half blocks.
            if let escape = graphics.escape(for: picture) {
                text(escape)
                return
            }
            text(picture.terminal(TerminalStyle(width: style.width, colour: true, trueColour: style.trueColour)))
        case .blocks:
            // Forced blocks (FM_GRAPHICS=blocks) draw in colour even into a file or pipe.
            text(picture.terminal(TerminalStyle(width: style.width, colour: true, trueColour: style.trueColour)))
        case .none:
            text(picture.terminal(TerminalStyle(width: style.width, colour: false)))
        }
    }
}

extension Interpreter {
    /// `show image "PHOTO"`: the photo as it is (grey, upright, shrunk to at most 112 pixels a
    /// side) beside the 28 × 28 image `load image` makes of it, enlarged by a whole factor (pixels
    /// repeated) to about the photo's longer side, so that the two are compared at one scale.
    func showPhoto(_ path: FilePath, _ c: Show) throws {
        let photo = try located(at: path.span) { try Photos.picture(path: path.value) }
        let before = Photos.before(photo)
        let factor = max(1, (max(before.width, before.height) + 14) / 28)
        let after = Photos.after(photo, invert: nil).upsampled(by: factor)
        let name = path.value.split(separator: "/").last.map(String.init) ?? path.value
        keepPhoto(name, before: before, after: after)
        try draw(ImageGrid(images: [before, after], captions: ["before", "after"], title: name, columns: c.columns),
                 to: c.file, what: "show")
    }
}
