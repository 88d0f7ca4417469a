/// Where a value was written: the start and how many columns it covers. Runtime errors point
/// here ("no model named `nnn`" under `nnn`).
public struct Span: Equatable, Sendable {
    public var location: SourceLocation
    public var length: Int

    public init(_ location: SourceLocation, length: Int) {
        self.location = location
        self.length = max(1, length)
    }

    public init(_ word: Word) { self.init(word.location, length: word.length) }

    /// From an option's key to the end of its value: `epochs=0`.
    public init(_ option: OptionArgument) {
        let end = option.value.location.column + option.value.length
        self.init(option.keyLocation, length: option.value.location.line == option.keyLocation.line
                  ? end - option.keyLocation.column : option.keyLength)
    }
}

/// A value and where it was written. Two located values are equal when their values are: a
/// command rendered back to text and parsed again is the same command, wherever it stands.
public struct Located<Value: Equatable & Sendable>: Equatable, Sendable {
    public var value: Value
    public var span: Span

    public init(_ value: Value, at span: Span) {
        self.value = value
        self.span = span
    }

    public static func == (a: Self, b: Self) -> Bool { a.value == b.value }
}

/// A model's name as written: `nn`.
public typealias ModelName = Located<String>
/// A dataset's name as written: `test`.
public typealias DatasetName = Located<String>
/// A file name as written, quotes resolved: `"cnn.onnx"`.
public typealias FilePath = Located<String>

/// Some images of a dataset: `test` (all of them), `test[0]`, `test[0..11]` (both ends included).
public struct DataSelection: Equatable, Sendable {
    public var dataset: DatasetName
    public var range: ClosedRange<Int>?

    public init(dataset: DatasetName, range: ClosedRange<Int>? = nil) {
        self.dataset = dataset
        self.range = range
    }

    public var span: Span { dataset.span }

    /// `test`, `test[3]` or `test[0..11]`.
    public var text: String {
        guard let range else { return dataset.value }
        return range.count == 1 ? "\(dataset.value)[\(range.lowerBound)]" : "\(dataset.value)[\(range.lowerBound)..\(range.upperBound)]"
    }
}
