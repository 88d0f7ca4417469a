/// What a lesson may look at in the learner's session. The shell fills it after every
/// statement; a lesson checks what the session has, never the words the learner typed.
public struct LessonSessionView: Equatable, Sendable {
    public struct Layer: Equatable, Sendable {
        /// `flatten`, `dense`, `conv2d`, `maxpool`, `avgpool`, `globalavgpool`, `dropout`,
        /// `batchnorm` or `activation`.
        public var kind: String
        /// Units of a dense layer, filters of a conv2d layer; nil for the others.
        public var size: Int?
        public init(kind: String, size: Int? = nil) { self.kind = kind; self.size = size }
    }

    public struct Model: Equatable, Sendable {
        public var name: String
        public var layers: [Layer]
        public var params: Int
        /// Forward FLOPs per image, as `summary flops=true` prints them.
        public var flops: Int
        public var epochsTrained: Int
        /// Some training of it had `validation=`.
        public var trainedWithValidation: Bool
        /// Some training of it had `augment=`.
        public var trainedWithAugmentation: Bool
        public init(name: String, layers: [Layer], params: Int, flops: Int, epochsTrained: Int = 0,
                    trainedWithValidation: Bool = false, trainedWithAugmentation: Bool = false) {
            self.name = name; self.layers = layers; self.params = params; self.flops = flops
            self.epochsTrained = epochsTrained; self.trainedWithValidation = trainedWithValidation
            self.trainedWithAugmentation = trainedWithAugmentation
        }
    }

    public struct Dataset: Equatable, Sendable {
        public var name: String
        public var count: Int
        /// Made by `translate` (moved, cornered, rotated or scaled).
        public var translated: Bool
        public init(name: String, count: Int, translated: Bool = false) {
            self.name = name; self.count = count; self.translated = translated
        }
    }

    public struct Evaluation: Equatable, Sendable {
        public var model: String
        public var dataset: String
        /// 0 … 1.
        public var accuracy: Double
        public var loss: Double
        /// The dataset was made by `translate`.
        public var translated: Bool
        /// It ran with `by=class`.
        public var byClass: Bool
        public init(model: String, dataset: String, accuracy: Double, loss: Double,
                    translated: Bool = false, byClass: Bool = false) {
            self.model = model; self.dataset = dataset; self.accuracy = accuracy; self.loss = loss
            self.translated = translated; self.byClass = byClass
        }
    }

    public struct Result: Equatable, Sendable {
        public var kind: LessonResultKind
        /// The models it is about (`shiftmap nn cnn`: both); empty for `show test[0..11]`.
        public var models: [String]
        public init(kind: LessonResultKind, models: [String] = []) { self.kind = kind; self.models = models }
    }

    /// The statement that just ran: its name (`train`) and whether it ended in an error.
    public struct LastStatement: Equatable, Sendable {
        public var name: String
        public var failed: Bool
        public init(name: String, failed: Bool = false) { self.name = name; self.failed = failed }
    }

    /// In the order they were made.
    public var models: [Model]
    public var datasets: [Dataset]
    /// Every evaluation, oldest first (a later one of the same model and dataset wins).
    public var evaluations: [Evaluation]
    /// Names of the statements that completed in this session, in order (`load`, `model`, …).
    public var statementsRun: [String]
    public var lastStatement: LastStatement?
    /// The results the session keeps, oldest first.
    public var results: [Result]
    /// Files written by `report to`.
    public var reportsWritten: [String]

    public init(models: [Model] = [], datasets: [Dataset] = [], evaluations: [Evaluation] = [],
                statementsRun: [String] = [], lastStatement: LastStatement? = nil,
                results: [Result] = [], reportsWritten: [String] = []) {
        self.models = models; self.datasets = datasets; self.evaluations = evaluations
        self.statementsRun = statementsRun; self.lastStatement = lastStatement
        self.results = results; self.reportsWritten = reportsWritten
    }
}
