import Foundation

/// The kitty and iTerm2 escape sequences, both carrying a PNG file in base64.
public enum TerminalImage {
    /// The most base64 characters kitty takes in one escape (its protocol's limit).
    public static let kittyChunk = 4096

    /// The kitty graphics protocol: `ESC _G a=T,f=100,q=2[,m=1];DATA ESC \`, then, when the
    /// base64 of `png` is longer than 4096 characters, `ESC _G m=1;DATA ESC \` for the middle
    /// chunks and `ESC _G m=0;DATA ESC \` for the last. a=T: transmit and display at the cursor;
    /// f=100: the data is a PNG; q=2: no reply, so nothing lands in the prompt's input.
    public static func kitty(png: [UInt8]) -> String {
        let data = Array(Data(png).base64EncodedString().utf8)
        var out = ""
        var start = 0
        repeat {
            let end = min(data.count, start + kittyChunk)
            let chunk = String(decoding: data[start..<end], as: UTF8.self)
            let more = end < data.count
            var keys = start == 0 ? "a=T,f=100,q=2" : ""
            if more || start > 0 { keys += (keys.isEmpty ? "" : ",") + (more ? "m=1" : "m=0") }
            out += "\u{1B}_G\(keys);\(chunk)\u{1B}\\"
            start = end
        } while start < data.count
        return out
    }

    /// iTerm2's inline image: `ESC ] 1337 ; File=inline=1;size=BYTES : BASE64 BEL`, shown at its
    /// own pixel size (iTerm2 and WezTerm shrink it to the window when it is wider).
    public static func iterm(png: [UInt8]) -> String {
        "\u{1B}]1337;File=inline=1;size=\(png.count):\(Data(png).base64EncodedString())\u{07}"
    }
}
