import Foundation
import FMLanguage
import FMStore
import FMPrompt

/// How a run of statements ended.
public enum RunOutcome: Equatable {
    case success
    case failed        // an error was reported; a script stops here
    case interrupted   // Ctrl-C stopped a statement
    case quit
}

/// Runs fm statements against a session. The prompt, `-c`, standard input and files all go
/// through `run(_:)`.
public final class Interpreter {
    public let output: Output
    let environment: [String: String]
    var state: SessionState
    let store: Store?
    var sessionStore: SessionStore?
    /// Writes a statement makes, committed with its transcript line in one transaction.
    var pendingWrites: [(SessionStore) throws -> Void] = []
    var source = SourceFile(name: "<input>", text: "")
    var runDepth = 0

    /// Opens (or creates) session `sessionName` in the store at `storeDirectory` (nil: no store).
    public init(sessionName: String, output: Output, environment: [String: String], storeDirectory: String?) throws {
        self.output = output
        self.environment = environment
        self.state = SessionState(name: sessionName)
        if let dir = storeDirectory {
            store = try Store.open(directory: dir)
        } else {
            store = nil
        }
        try openSession(sessionName)
    }

    /// `fm:SESSION[MODEL]> `
    public var prompt: String {
        "fm:\(state.name)" + (state.currentModel.map { "[\($0)]" } ?? "") + "> "
    }

    public var continuationPrompt: String { "...> " }

    /// Runs every statement of `source` in order; stops at the first error.
    @discardableResult
    public func run(_ source: SourceFile) -> RunOutcome {
        let saved = self.source
        self.source = source
        defer { self.source = saved }
        for result in Parser.parse(source) {
            switch result {
            case let .failure(diagnostic):
                report(diagnostic)
                return .failed
            case let .success(statement):
                if Interrupt.isRequested { return .interrupted }
                let outcome = execute(statement)
                if outcome != .success { return outcome }
            }
        }
        return .success
    }

    /// Runs one parsed statement, reporting any error.
    func execute(_ statement: Statement) -> RunOutcome {
        pendingWrites = []
        do {
            try dispatch(statement)
            try commit(statement)
            return .success
        } catch is QuitRequest {
            return .quit
        } catch is AlreadyReported {
            pendingWrites = []
            return .failed
        } catch let e as Interrupted {
            if let kept = e.transcript {
                try? commit(statement, text: kept)
            } else {
                try? commit(statement, transcript: false)
            }
            output.error(e.message)
            return .interrupted
        } catch let e as ShellError {
            report(source.diagnostic(e.message, at: e.location, length: e.length))
        } catch let d as Diagnostic {
            report(d)
        } catch {
            report(source.diagnostic(String(describing: error), at: statement.keyword.location, length: statement.keyword.length))
        }
        pendingWrites = []
        return .failed
    }

    func report(_ d: Diagnostic) {
        if output.json {
            output.errorJSON([("error", .string(d.message)), ("file", .string(d.file)), ("line", .int(d.line)), ("column", .int(d.column))])
        }
        output.error(d.rendered())
    }

    /// Statements that change nothing worth replaying stay out of the transcript.
    static let unrecorded: Set<String> = ["help", "history", "quit", "sessions", "session", "run", "datasets", "models"]

    /// Commits the statement's writes and its transcript line in one transaction.
    func commit(_ statement: Statement, transcript: Bool = true, text: String? = nil) throws {
        guard let session = sessionStore else { pendingWrites = []; return }
        let writes = pendingWrites
        pendingWrites = []
        let record = transcript && !Interpreter.unrecorded.contains(statement.keywordName)
        guard record || !writes.isEmpty else { return }
        let rng = String(decoding: (try? JSONEncoder().encode(state.rng)) ?? Data(), as: UTF8.self)
        try session.transaction { s in
            for w in writes { try w(s) }
            try s.setValue(rng, forKey: "rng")
            if record { try s.appendTranscript(text ?? statement.text) }
        }
    }

    /// Queues a write for this statement's transaction.
    func persist(_ write: @escaping (SessionStore) throws -> Void) {
        pendingWrites.append(write)
    }

    func dispatch(_ st: Statement) throws {
        switch st.keywordName {
        case "load": try load(st)
        case "export": try export(st)
        case "datasets": try listDatasets(st)
        case "show": try show(st)
        case "model": try model(st)
        case "add": try add(st)
        case "pop": try pop(st)
        case "use": try use(st)
        case "summary": try summary(st)
        case "models": try listModels(st)
        case "compile": try compile(st)
        case "train": try train(st)
        case "evaluate": try evaluate(st)
        case "predict": try predict(st)
        case "mistakes": try mistakes(st)
        case "seed": try seed(st)
        case "translate": try translate(st)
        case "shiftmap": try shiftmap(st)
        case "compare": try compare(st)
        case "plot": try plot(st)
        case "saliency": try saliency(st)
        case "report": try report(st)
        case "sessions": try listSessions(st)
        case "session": try switchSession(st)
        case "forget": try forget(st)
        case "import": try importModel(st)
        case "history": try history(st)
        case "run": try runFile(st)
        case "help": try help(st)
        case "quit": throw QuitRequest()
        default:
            throw ShellError("`\(st.keywordName)` is not implemented yet", at: st.keyword)
        }
    }
}
