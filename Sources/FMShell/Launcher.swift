import Foundation
import FMLanguage
import FMGraphics
import FMPrompt
import FMStore
import FMTensor

/// Starts fm the way it was invoked: `-c` statements, script files, standard input, or the prompt.
public enum Launcher {
    public static let version = "0.1.0"

    /// Returns the process exit status: 0 success, 1 an error, 130 stopped by Ctrl-C.
    public static func run(session: String, json: Bool, command: String?, files: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        Engine.configure(EngineSettings(environment: environment))
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1
        let style = TerminalStyle.detect(environment: environment, isTerminal: stdoutIsTerminal)
        let output = Output(json: json, style: style, isTerminal: stdoutIsTerminal && environment["TERM"] != "dumb",
                            graphics: graphics(environment: environment, isTerminal: stdoutIsTerminal, json: json))
        let home = storeDirectory(environment)
        Interrupt.install()
        if let e = NameRules.check(session) {
            output.error("fm: error: session name: \(e)")
            return 1
        }
        let interpreter: Interpreter
        do {
            interpreter = try Interpreter(sessionName: session, output: output, environment: environment, storeDirectory: home)
        } catch {
            output.error("fm: error: \(error)")
            return 1
        }
        if let command {
            return status(interpreter.run(SourceFile(name: "<command line>", text: command)))
        }
        if !files.isEmpty {
            for path in files {
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    output.error("fm: error: cannot read \(path)" + (FileManager.default.fileExists(atPath: path) ? "" : ": no such file"))
                    return 1
                }
                let outcome = interpreter.run(SourceFile(name: path, text: text))
                if outcome != .success { return status(outcome) }
            }
            return 0
        }
        if !stdinIsTerminal {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return status(interpreter.run(SourceFile(name: "<stdin>", text: String(decoding: data, as: UTF8.self))))
        }
        let status = Repl(interpreter: interpreter, home: home).loop()
        return Interrupt.exitStatus ?? status
    }

    /// SIGTERM and SIGHUP stop a statement as Ctrl-C does; the process then ends with 128 + signal.
    static func status(_ outcome: RunOutcome) -> Int32 {
        if let signalled = Interrupt.exitStatus { return signalled }
        switch outcome {
        case .success, .quit: return 0
        case .failed: return 1
        case .interrupted: return 130
        }
    }

    /// How pictures reach this terminal, decided once: FM_GRAPHICS when set, else what the
    /// environment says (`TerminalGraphics.detect`), and when that is unclear (xterm, an unknown
    /// TERM) the terminal's answer to the device attributes query within 200 ms. JSON output
    /// draws nothing, so it never queries.
    static func graphics(environment: [String: String], isTerminal: Bool, json: Bool) -> TerminalGraphics {
        TerminalGraphics.detect(environment: environment, isTerminal: isTerminal, query: !json)
    }

    /// FM_HOME, or ~/.fm.
    static func storeDirectory(_ environment: [String: String]) -> String {
        if let h = environment["FM_HOME"], !h.isEmpty { return h }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.fm"
    }
}
