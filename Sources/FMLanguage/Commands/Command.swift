/// A statement as a typed value: what the interpreter runs. Built from a parsed `Statement` by
/// reading its words once, against the statement table (kinds, defaults, bounds and rules);
/// rendered back to canonical text for the transcript and replays.
public enum Command: Equatable, Sendable {
    case load(Load), export(Export), datasets, models, sessions
    case model(ModelDefinition), add(Add), pop(ModelTarget), use(ModelName), summary(Summary)
    case compile(Compile), train(Train), evaluate(Evaluate), predict(Predict), mistakes(Mistakes), seed(UInt64)
    case show(Show), translate(Translate), shiftmap(Shiftmap), compare(Compare), plot(Plot), saliency(Saliency)
    case report(FilePath), note(String)
    case session(Located<String>), forget(Located<String>), importModel(Import), history(FilePath?), run(FilePath)
    case help(Located<String>?), quit
    case lessons, lesson(LessonAction), answer(Located<String>)

    /// Builds the command of `statement`, checking everything that does not depend on what the
    /// session holds: positional forms, option bounds and the rules between options.
    public init(_ statement: Statement, table: StatementTable = .standard) throws {
        guard let spec = table.spec(named: statement.name) else {
            throw CommandError.unknownWord(what: "unknown statement", text: statement.name, expected: nil, suggestion: nil,
                                           at: Span(statement.keyword))
        }
        try OptionRules.check(statement, spec)
        var words = WordReader(statement)
        let options = OptionValues(statement: statement, spec: spec)
        self = try Command.build(statement.name, &words, options)
        try words.finish()
    }

    private static func build(_ name: String, _ words: inout WordReader, _ options: OptionValues) throws -> Command {
        switch name {
        case "load": return .load(try Load(&words, options))
        case "export": return .export(try Export(&words, options))
        case "datasets": return .datasets
        case "models": return .models
        case "sessions": return .sessions
        case "model": return .model(try ModelDefinition(&words, options))
        case "add": return .add(try Add(&words, options))
        case "pop": return .pop(ModelTarget(&words))
        case "use": return .use(try words.name("a model name"))
        case "summary": return .summary(Summary(model: ModelTarget(&words).model, flops: options.bool("flops") ?? false))
        case "compile": return .compile(try Compile(&words, options))
        case "train": return .train(try Train(&words, options))
        case "evaluate": return .evaluate(try Evaluate(&words, options))
        case "predict": return .predict(try Predict(&words))
        case "mistakes": return .mistakes(try Mistakes(&words, options))
        case "seed":
            let n = try words.int("a seed")
            guard n.value >= 0 else { throw CommandError.outOfRange(name: "seed", text: String(n.value), bound: "0 or more", at: n.span) }
            return .seed(UInt64(n.value))
        case "show": return .show(try Show(&words, options))
        case "translate": return .translate(try Translate(&words, options))
        case "shiftmap": return .shiftmap(try Shiftmap(&words, options))
        case "compare": return .compare(Compare(models: words.models(until: []), limit: options.int("limit")))
        case "plot": return .plot(try Plot(&words, options))
        case "saliency": return .saliency(try Saliency(&words))
        case "report":
            guard let file = try words.destination() else { throw words.missing("`to \"FILE\"`") }
            return .report(file)
        case "note": return .note(try words.string("the note's text").value)
        case "session": return .session(try words.name("a session name"))
        case "forget": return .forget(try words.name("a model or dataset to forget"))
        case "import": return .importModel(try Import(&words))
        case "history": return .history(try words.destination())
        case "run": return .run(try words.string("a script file"))
        case "help":
            guard let w = words.next() else { return .help(nil) }
            return .help(Located(w.name ?? w.text, at: Span(w)))
        case "quit": return .quit
        case "lessons": return .lessons
        case "lesson": return .lesson(try LessonAction(&words))
        case "answer": return .answer(try words.name("a choice such as `B`"))
        default:
            throw CommandError.unknownWord(what: "unknown statement", text: name, expected: nil, suggestion: nil, at: words.endSpan)
        }
    }

    /// The statement's name: `train`, `load`, ….
    public var name: String {
        switch self {
        case .load: return "load"
        case .export: return "export"
        case .datasets: return "datasets"
        case .models: return "models"
        case .sessions: return "sessions"
        case .model: return "model"
        case .add: return "add"
        case .pop: return "pop"
        case .use: return "use"
        case .summary: return "summary"
        case .compile: return "compile"
        case .train: return "train"
        case .evaluate: return "evaluate"
        case .predict: return "predict"
        case .mistakes: return "mistakes"
        case .seed: return "seed"
        case .show: return "show"
        case .translate: return "translate"
        case .shiftmap: return "shiftmap"
        case .compare: return "compare"
        case .plot: return "plot"
        case .saliency: return "saliency"
        case .report: return "report"
        case .note: return "note"
        case .session: return "session"
        case .forget: return "forget"
        case .importModel: return "import"
        case .history: return "history"
        case .run: return "run"
        case .help: return "help"
        case .quit: return "quit"
        case .lessons: return "lessons"
        case .lesson: return "lesson"
        case .answer: return "answer"
        }
    }
}
