/// One epoch's figures: running means of the training loss and accuracy over the epoch (with
/// dropout active, as Keras reports them), and the validation figures when there is validation data.
public struct EpochStats: Codable, Equatable, Sendable {
    public var epoch: Int
    public var seconds: Double
    public var loss: Double
    public var accuracy: Double
    public var valLoss: Double?
    public var valAccuracy: Double?

    public init(epoch: Int, seconds: Double, loss: Double, accuracy: Double, valLoss: Double? = nil, valAccuracy: Double? = nil) {
        self.epoch = epoch; self.seconds = seconds; self.loss = loss; self.accuracy = accuracy
        self.valLoss = valLoss; self.valAccuracy = valAccuracy
    }
}

/// How to train. `stopAtAccuracy` stops once an epoch's training accuracy reaches it;
/// `keepBest` restores, at the end, the weights of the epoch with the lowest validation loss
/// (training loss without validation); `patience` stops after that many epochs without a
/// lower validation (or training) loss. `labelSmoothing` ε trains towards `(1 − ε)·onehot + ε/classes`
/// (Keras's `label_smoothing`); the training loss is the smoothed one, validation the plain one.
public struct TrainConfig: Sendable {
    public var epochs = 1, batchSize = 32
    public var labelSmoothing: Float = 0
    public var shuffle = true
    public var stopAtAccuracy: Double? = nil
    public var keepBest = false
    public var patience: Int? = nil
    public init() {}
}

/// Receives training progress; the trainer calls it on the training thread.
public protocol TrainingMonitor: AnyObject {
    func epochBegan(epoch: Int, steps: Int)
    /// Running means over the epoch so far.
    func stepEnded(epoch: Int, step: Int, steps: Int, loss: Double, accuracy: Double)
    /// After validation; the network and optimiser hold the epoch's end state here.
    func epochEnded(_ stats: EpochStats)
    /// Polled after every step (Ctrl-C).
    var stopRequested: Bool { get }
}

public enum TrainingEnd: Equatable, Sendable {
    case completed
    case reachedTarget(epoch: Int)
    case earlyStopped(epoch: Int)
    case interrupted(epoch: Int, step: Int, steps: Int)
}

public struct TrainingResult: Sendable {
    public var history: [EpochStats]
    public var end: TrainingEnd
    /// The epoch whose weights `keepBest` put back, if it did.
    public var restoredBestEpoch: Int?
}
