import Foundation

/// Tab completion for fm statements: pure logic over a vocabulary, testable without a terminal.
///
/// Candidates are whole words for the word being typed (`tr` → `train`), all starting with what
/// was typed, sorted, without duplicates:
/// - the first word of a statement (also after `;`): statement names;
/// - a keyword right after the statement name (`load` → `fashion-mnist`, `idx` …), from
///   `Vocabulary.keywords`; the statement then reads as the two words (`show filters`) when
///   `options` or `expects` has an entry for them;
/// - a positional word: what `expects` says (model, dataset, layer, session, statement names);
/// - after `on` or in `on=` / `validation=`: dataset names; after `like` or an unquoted `to`:
///   model names; in `key=` of an option with known values (`optionValues`): those values
///   (only the value is the candidate);
/// - otherwise, or when no positional candidate fits: the statement's options as `name=`, less
///   those already given (`-` and `_` are the same in option names; a candidate keeps the
///   user's spelling of what was typed);
/// - inside an unterminated string: file names (`~/` expanded for listing, folders end in `/`,
///   hidden files only when the typed name starts with `.`);
/// - inside a comment: nothing.
public struct Completer {
    public struct Vocabulary: Sendable {
        /// Statement names.
        public var statements: [String]
        /// Statement (or "statement keyword") → option names; candidates are "name=".
        public var options: [String: [String]]
        /// Statement (or "statement keyword") → what its positional words are.
        public var expects: [String: Expectation]
        public var models: [String]
        public var datasets: [String]
        public var layers: [String]
        /// Statement → words that may follow its name (`load` → `fashion-mnist`, `idx`, `npy`, `image`).
        public var keywords: [String: [String]]
        /// Option name → its possible values (`optimizer` → `adam`, `sgd`).
        public var optionValues: [String: [String]]
        /// Stored session names (for `session NAME`).
        public var sessions: [String]

        public init(statements: [String], options: [String: [String]], expects: [String: Expectation],
                    models: [String], datasets: [String], layers: [String],
                    keywords: [String: [String]] = [:], optionValues: [String: [String]] = [:],
                    sessions: [String] = []) {
            self.statements = statements
            self.options = options
            self.expects = expects
            self.models = models
            self.datasets = datasets
            self.layers = layers
            self.keywords = keywords
            self.optionValues = optionValues
            self.sessions = sessions
        }
    }

    /// What the positional words (not options, not after `on`/`to`/`as`/`from`/`like`) of a statement are.
    public enum Expectation: Sendable {
        /// No positional words: only options.
        case nothing
        /// The first positional word is a model.
        case model
        /// Every positional word is a model.
        case models
        /// The first positional word is a dataset.
        case dataset
        /// Models, then datasets (`predict nn cnn test[0]`): both until a dataset was given.
        case modelsThenData
        /// The first positional word is a statement name (`help train`).
        case statement
        /// The first positional word is a layer kind (`add dense`).
        case layer
        /// A file name, in a string.
        case file
        /// The first positional word is a session name.
        case session
        /// A new name: nothing to complete.
        case name
    }

    public var vocabulary: Vocabulary
    /// Lists folders for file names; replaceable in tests.
    var fileLister: FileLister

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        self.fileLister = FileLister()
    }

    /// Words after which the next word is that word's argument, not a positional word.
    static let prepositions: Set<String> = ["on", "to", "as", "from", "like"]

    /// Statement names at the start of a statement (after `;` too); option names (`epochs=`) for the
    /// statement being typed once past its name; model / dataset / layer names where the statement
    /// expects them; also dataset names after the words `on`, `validation=`, `on=`; file names inside
    /// an unterminated string (list the folder, append "/" to folders).
    public func candidates(for textBeforeCursor: String) -> [String] {
        guard let context = CompletionContext(textBeforeCursor) else { return [] }
        let words: [String]
        if context.inString {
            words = fileLister.candidates(for: context.current)
        } else {
            words = wordCandidates(context)
        }
        return Array(Set(words)).sorted()
    }

    private func wordCandidates(_ context: CompletionContext) -> [String] {
        let typed = context.current
        guard let name = context.words.first?.lowercased() else {
            return matching(vocabulary.statements, typed)
        }
        // `key=value` being typed: complete the value.
        if let equals = typed.firstIndex(of: "=") {
            let key = Completer.normalized(String(typed[..<equals]))
            let value = String(typed[typed.index(after: equals)...])
            return matching(values(forOption: key), value)
        }
        let rest = Array(context.words.dropFirst())
        let keywords = vocabulary.keywords[name] ?? []
        let keyword = rest.first.flatMap { keywords.contains($0) ? $0 : nil }
        let statement = keyword.map { "\(name) \($0)" }
        let key = statement.flatMap { vocabulary.expects[$0] != nil || vocabulary.options[$0] != nil ? $0 : nil } ?? name

        if let preposition = rest.last, Completer.prepositions.contains(preposition) {
            return matching(argument(of: preposition), typed)
        }
        let positional = positionalWords(rest.dropFirst(keyword == nil ? 0 : 1))
        var found: [String] = []
        if positional.isEmpty, keyword == nil { found += matching(keywords, typed) }
        found += matching(expected(vocabulary.expects[key] ?? .nothing, after: positional), typed)
        if !found.isEmpty { return found }
        return options(of: key, typed: typed, given: rest)
    }

    /// Positional words: neither options nor a preposition or its argument.
    private func positionalWords<S: Sequence>(_ words: S) -> [String] where S.Element == String {
        var result: [String] = []
        var skipNext = false
        for word in words {
            if skipNext { skipNext = false; continue }
            if Completer.prepositions.contains(word) { skipNext = true; continue }
            if word.contains("=") { continue }
            result.append(word)
        }
        return result
    }

    private func expected(_ expectation: Expectation, after positional: [String]) -> [String] {
        let first = positional.isEmpty
        switch expectation {
        case .nothing, .file, .name: return []
        case .model: return first ? vocabulary.models : []
        case .models: return vocabulary.models
        case .dataset: return first ? vocabulary.datasets : []
        case .statement: return first ? vocabulary.statements : []
        case .layer: return first ? vocabulary.layers : []
        case .session: return first ? vocabulary.sessions : []
        case .modelsThenData:
            let sawData = positional.contains { word in
                word.contains("[") || (vocabulary.datasets.contains(word) && !vocabulary.models.contains(word))
            }
            return sawData ? [] : vocabulary.models + vocabulary.datasets
        }
    }

    private func argument(of preposition: String) -> [String] {
        switch preposition {
        case "on": return vocabulary.datasets
        case "like", "to": return vocabulary.models
        default: return []
        }
    }

    private func values(forOption key: String) -> [String] {
        switch key {
        case "on", "validation": return vocabulary.datasets
        default:
            let entry = vocabulary.optionValues.first { Completer.normalized($0.key) == key }
            return entry?.value ?? []
        }
    }

    /// `name=` for each option of `statement` that starts with `typed` and was not given yet.
    private func options(of statement: String, typed: String, given: [String]) -> [String] {
        let used = Set(given.compactMap { word in
            word.firstIndex(of: "=").map { Completer.normalized(String(word[..<$0])) }
        })
        let prefix = Completer.normalized(typed)
        return (vocabulary.options[statement] ?? []).compactMap { option in
            let normal = Completer.normalized(option)
            guard normal.hasPrefix(prefix), !used.contains(normal) else { return nil }
            // Keep what the user typed (`stop-` stays `stop-`), complete the rest.
            return typed + String(option.dropFirst(typed.count)) + "="
        }
    }

    private func matching(_ names: [String], _ typed: String) -> [String] {
        names.filter { $0.hasPrefix(typed) }
    }

    /// Option names compare with `-` and `_` the same, case-insensitively.
    static func normalized(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "-", with: "_")
    }
}
