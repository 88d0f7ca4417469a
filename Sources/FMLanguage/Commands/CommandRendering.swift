extension Command {
    /// The canonical text: parses back to the same command (see `CommandText`).
    public var text: String {
        func plain(_ words: String?...) -> String { ([name] + words.compactMap { $0 }).joined(separator: " ") }
        switch self {
        case let .load(c): return c.text
        case let .export(c): return c.text
        case .datasets, .models, .sessions, .quit: return name
        case let .model(c): return c.text
        case let .add(c): return c.text
        case let .pop(c): return plain(c.model?.value)
        case let .use(m): return plain(m.value)
        case let .summary(c):
            var t = CommandText("summary")
            t.word(c.model?.value)
            t.option("flops", c.flops)
            return t.text
        case let .compile(c): return c.text
        case let .train(c): return c.text
        case let .evaluate(c): return c.text
        case let .predict(c): return c.text
        case let .mistakes(c): return c.text
        case let .seed(n): return plain(String(n))
        case let .show(c): return c.text
        case let .translate(c): return c.text
        case let .shiftmap(c): return c.text
        case let .compare(c): return c.text
        case let .plot(c): return c.text
        case let .saliency(c): return c.text
        case let .report(file): return plain("to", CommandText.quote(file.value))
        case let .note(text): return plain(CommandText.quote(text))
        case let .session(n): return plain(n.value)
        case let .forget(n): return plain(n.value)
        case let .importModel(c): return c.text
        case let .history(file): return plain(file.map { "to " + CommandText.quote($0.value) })
        case let .run(file): return plain(CommandText.quote(file.value))
        case let .help(topic): return plain(topic?.value)
        case .lessons: return name
        case let .lesson(action): return action.text
        case let .answer(choice): return plain(choice.value)
        }
    }
}

/// A script checked whole: the commands of its statements in order with their source, or
/// every mistake in it (syntax, statement and option names, value kinds, bounds and rules),
/// each once, in source order.
public struct CheckedScript: Sendable {
    public var commands: [(command: Command, statement: Statement)]
    public var diagnostics: [Diagnostic]

    public init(_ source: SourceFile, table: StatementTable = .standard) {
        commands = []
        diagnostics = []
        for result in Parser.parse(source, table: table) {
            switch result {
            case let .failure(d): diagnostics.append(d)
            case let .success(statement):
                do { commands.append((try Command(statement, table: table), statement)) } catch let e as CommandError {
                    diagnostics.append(source.diagnostic(e.message, at: e.span.location, length: e.span.length))
                } catch {
                    diagnostics.append(source.diagnostic("\(error)", at: statement.keyword.location, length: statement.keyword.length))
                }
            }
        }
    }
}
