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
/// through `run(_:)`: the source is checked whole (`CheckedScript`), and only a source without
/// mistakes runs, command by command.
public final class Interpreter {
    public let output: Output
    let environment: [String: String]
    var state: SessionState
    let store: Store?
    var sessionStore: SessionStore?
    /// Writes a statement makes, committed with its transcript line in one transaction.
    var pendingWrites: [(SessionStore) throws -> Void] = []
    var source = SourceFile(name: "<input>", text: "")
    /// The statement running now: its name's span is where errors without a better place point.
    var statement: Statement?
    var runDepth = 0
    /// The lesson this session is taking (LessonStatements.swift).
    var lessons = LessonShellState()

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
        "fm:\(state.name)" + (state.currentModel.map { "[\($0)]" } ?? "") + lessonPromptFragment + "> "
    }

    public var continuationPrompt: String { "...> " }

    /// Checks every statement of `source`; reports every mistake and runs nothing when there is
    /// one; otherwise runs the commands in order and stops at the first runtime error.
    @discardableResult
    public func run(_ source: SourceFile) -> RunOutcome {
        let saved = self.source
        self.source = source
        defer { self.source = saved }
        let script = CheckedScript(source)
        guard script.diagnostics.isEmpty else {
            script.diagnostics.forEach(report)
            lessonAfterStatement(nil, name: source.text.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "", failed: true)
            return .failed
        }
        for (command, statement) in script.commands {
            if Interrupt.isRequested { return .interrupted }
            let outcome = execute(command, statement)
            if outcome != .quit { lessonAfterStatement(command, name: command.name, failed: outcome == .failed) }
            if outcome != .success { return outcome }
        }
        return .success
    }

    /// Runs one command, reporting any error.
    func execute(_ command: Command, _ statement: Statement) -> RunOutcome {
        pendingWrites = []
        let outer = self.statement
        self.statement = statement
        defer { self.statement = outer }
        do {
            try dispatch(command)
            try commit(command)
            return .success
        } catch is QuitRequest {
            return .quit
        } catch is AlreadyReported {
            pendingWrites = []
            return .failed
        } catch let e as Interrupted {
            try? commit(e.replay ?? command, transcript: e.replay != nil)
            output.error(e.message)
            return .interrupted
        } catch let e as ShellError {
            report(source.diagnostic(e.reason.message, at: e.span.location, length: e.span.length))
        } catch {
            report(source.diagnostic(RuntimeError.text(of: error), at: statement.keyword.location, length: statement.keyword.length))
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

    /// Commits the statement's writes and, for a command worth replaying, its canonical text,
    /// in one transaction.
    func commit(_ command: Command, transcript: Bool = true) throws {
        guard let session = sessionStore else { pendingWrites = []; return }
        let writes = pendingWrites
        pendingWrites = []
        let record = transcript && command.isReplayed
        guard record || !writes.isEmpty else { return }
        let rng = String(decoding: (try? JSONEncoder().encode(state.rng)) ?? Data(), as: UTF8.self)
        try session.transaction { s in
            for w in writes { try w(s) }
            try s.setValue(rng, forKey: "rng")
            if record { try s.appendTranscript(command.text) }
        }
    }

    /// Queues a write for this statement's transaction.
    func persist(_ write: @escaping (SessionStore) throws -> Void) {
        pendingWrites.append(write)
    }

    /// Where errors without a better place point: the running statement's name.
    var keywordSpan: Span { statement.map { Span($0.keyword) } ?? Span(SourceLocation(line: 1, column: 1), length: 1) }

    func dispatch(_ command: Command) throws {
        switch command {
        case let .load(c): try load(c)
        case let .export(c): try export(c)
        case .datasets: listDatasets()
        case let .show(c): try show(c)
        case let .model(c): try model(c)
        case let .add(c): try add(c)
        case let .pop(c): try pop(c)
        case let .use(name): try use(name)
        case let .summary(c): try summary(c)
        case .models: listModels()
        case let .compile(c): try compile(c)
        case let .train(c): try train(c)
        case let .evaluate(c): try evaluate(c)
        case let .predict(c): try predict(c)
        case let .mistakes(c): try mistakes(c)
        case let .seed(n): seed(n)
        case let .translate(c): try translate(c)
        case let .shiftmap(c): try shiftmap(c)
        case let .compare(c): try compare(c)
        case let .plot(c): try plot(c)
        case let .saliency(c): try saliency(c)
        case let .report(file): try report(to: file)
        case let .note(text): note(text)
        case .sessions: try listSessions()
        case let .session(name): try switchSession(name)
        case let .forget(name): try forget(name)
        case let .importModel(c): try importModel(c)
        case let .history(file): try history(to: file)
        case let .run(file): try runFile(file)
        case let .help(topic): try help(topic)
        case .quit: throw QuitRequest()
        case .lessons: listLessons()
        case let .lesson(action): try lesson(action)
        case let .answer(choice): try answer(choice)
        }
    }
}

extension Command {
    /// Statements that change nothing worth replaying stay out of the transcript.
    var isReplayed: Bool {
        switch self {
        case .help, .history, .quit, .sessions, .session, .run, .datasets, .models: return false
        case .lessons, .lesson, .answer: return false
        default: return true
        }
    }
}
