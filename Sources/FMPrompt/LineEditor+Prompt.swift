import Foundation
#if canImport(Glibc)
import Glibc
#endif

// The prompt as libedit sees it: a C string owned by the editor, colour escapes marked invisible.
extension LineEditor {
    func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(LineEditor.markInvisible(prompt))
    }

    /// libedit draws characters between two of these without giving them columns.
    static let invisibleMarker: CChar = 1

    /// Wraps each ANSI escape sequence (`ESC [ … final`) in `invisibleMarker`s so a coloured
    /// prompt does not throw off libedit's column count.
    static func markInvisible(_ prompt: String) -> String {
        let marker = Character(UnicodeScalar(UInt8(invisibleMarker)))
        var result = ""
        var inEscape = false
        var sawBracket = false
        for character in prompt {
            if inEscape {
                result.append(character)
                if !sawBracket {
                    sawBracket = character == "["
                    if !sawBracket { inEscape = false; result.append(marker) }
                } else if let ascii = character.asciiValue, (0x40...0x7E).contains(ascii) {
                    inEscape = false
                    result.append(marker)
                }
            } else if character == "\u{1B}" {
                inEscape = true
                sawBracket = false
                result.append(marker)
                result.append(character)
            } else {
                result.append(character)
            }
        }
        if inEscape { result.append(marker) }
        return result
    }
}
