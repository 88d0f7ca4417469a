import Foundation

/// What one statement showed, kept as data so the report can draw it and print its numbers
/// again. One case per kind of result; `note` is the teacher's or learner's own words.
///
/// Stored as JSON (`json()` / `init(json:)`): `{"kind": "evaluation", "value": {…}}`, the
/// `value` being the case's struct with Swift's synthesised keys. `kind` is also what
/// `SessionStore.appendResult(kind:…)` stores beside the bytes.
public enum KeptResult: Sendable, Equatable {
    case summary(ModelSummary)
    case evaluation(Evaluation)
    case predictions(Predictions)
    case mistakes(Mistakes)
    case shiftmap(Shiftmap)
    case compare(Comparison)
    case images(ShownImages)
    case filters(LayerImages)
    case activations(LayerImages)
    case saliency(Saliency)
    case plot(Plot)
    case note(String)
    case training(TrainingRun)

    /// The kinds, as stored; also the report's section class names.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case summary, evaluation, predictions, mistakes, shiftmap, compare, images, filters,
             activations, saliency, plot, note, training
    }

    public var kind: Kind {
        switch self {
        case .summary: .summary
        case .evaluation: .evaluation
        case .predictions: .predictions
        case .mistakes: .mistakes
        case .shiftmap: .shiftmap
        case .compare: .compare
        case .images: .images
        case .filters: .filters
        case .activations: .activations
        case .saliency: .saliency
        case .plot: .plot
        case .note: .note
        case .training: .training
        }
    }
}

extension KeptResult: Codable {
    enum CodingKeys: String, CodingKey { case kind, value }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case let .summary(v): try c.encode(v, forKey: .value)
        case let .evaluation(v): try c.encode(v, forKey: .value)
        case let .predictions(v): try c.encode(v, forKey: .value)
        case let .mistakes(v): try c.encode(v, forKey: .value)
        case let .shiftmap(v): try c.encode(v, forKey: .value)
        case let .compare(v): try c.encode(v, forKey: .value)
        case let .images(v): try c.encode(v, forKey: .value)
        case let .filters(v), let .activations(v): try c.encode(v, forKey: .value)
        case let .saliency(v): try c.encode(v, forKey: .value)
        case let .plot(v): try c.encode(v, forKey: .value)
        case let .note(v): try c.encode(v, forKey: .value)
        case let .training(v): try c.encode(v, forKey: .value)
        }
    }

    /// An unknown `kind` (a payload from a newer fm) is a `DecodingError.dataCorrupted`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .summary: self = .summary(try c.decode(ModelSummary.self, forKey: .value))
        case .evaluation: self = .evaluation(try c.decode(Evaluation.self, forKey: .value))
        case .predictions: self = .predictions(try c.decode(Predictions.self, forKey: .value))
        case .mistakes: self = .mistakes(try c.decode(Mistakes.self, forKey: .value))
        case .shiftmap: self = .shiftmap(try c.decode(Shiftmap.self, forKey: .value))
        case .compare: self = .compare(try c.decode(Comparison.self, forKey: .value))
        case .images: self = .images(try c.decode(ShownImages.self, forKey: .value))
        case .filters: self = .filters(try c.decode(LayerImages.self, forKey: .value))
        case .activations: self = .activations(try c.decode(LayerImages.self, forKey: .value))
        case .saliency: self = .saliency(try c.decode(Saliency.self, forKey: .value))
        case .plot: self = .plot(try c.decode(Plot.self, forKey: .value))
        case .note: self = .note(try c.decode(String.self, forKey: .value))
        case .training: self = .training(try c.decode(TrainingRun.self, forKey: .value))
        }
    }

    /// The JSON bytes to store (sorted keys, so equal results give equal bytes; NaN and
    /// infinities, e.g. a loss that diverged, as the strings "nan", "inf", "-inf").
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try encoder.encode(self) } catch { throw ReportError.cannotEncode(kind: kind.rawValue, reason: "\(error)") }
    }

    /// From bytes `json()` made; anything else is `ReportError.unreadable`.
    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { self = try decoder.decode(KeptResult.self, from: json) } catch {
            throw ReportError.unreadable(reason: ReportError.reason(error))
        }
    }
}

/// A kept result with the statement that made it and its place in the session.
public struct KeptEntry: Sendable, Equatable {
    /// 1, 2, 3 … as the store numbers results (`appendResult`'s return value).
    public var sequence: Int
    /// The statement as typed.
    public var statement: String
    public var createdAt: Date
    public var result: KeptResult

    public init(sequence: Int, statement: String, createdAt: Date, result: KeptResult) {
        (self.sequence, self.statement, self.createdAt, self.result) = (sequence, statement, createdAt, result)
    }

    /// From a stored row's fields (`ResultRecord`: sequence, statement, createdAt, payload).
    public init(sequence: Int, statement: String, createdAt: Date, payload: Data) throws {
        self.init(sequence: sequence, statement: statement, createdAt: createdAt, result: try KeptResult(json: payload))
    }
}
