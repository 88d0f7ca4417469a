import Foundation

// The plain values each kind of kept result holds: enough to draw its picture and print its
// numbers again, with no tensors or datasets attached.

/// `summary MODEL`: the layer table.
public struct ModelSummary: Codable, Sendable, Equatable {
    public struct Layer: Codable, Sendable, Equatable {
        /// "conv2d_1": the type and its place, as the summary table shows it.
        public var name: String
        public var type: String
        public var outputShape: [Int]
        public var params: Int
        public var flops: Int?
        public var receptiveField: Int?
        public init(name: String, type: String, outputShape: [Int], params: Int, flops: Int? = nil,
                    receptiveField: Int? = nil) {
            (self.name, self.type, self.outputShape, self.params) = (name, type, outputShape, params)
            (self.flops, self.receptiveField) = (flops, receptiveField)
        }
    }
    public var model: String
    public var inputShape: [Int]
    public var layers: [Layer]
    public var totalParams: Int
    /// Forward FLOPs per image, when the summary was asked for them (`flops=true`).
    public var flopsPerImage: Int?
    public init(model: String, inputShape: [Int], layers: [Layer], totalParams: Int, flopsPerImage: Int? = nil) {
        (self.model, self.inputShape, self.layers, self.totalParams, self.flopsPerImage) =
            (model, inputShape, layers, totalParams, flopsPerImage)
    }
}

/// `evaluate MODEL on DATA [by=class]`.
public struct Evaluation: Codable, Sendable, Equatable {
    /// With `by=class`: rows are the true class, columns the predicted one.
    public struct ByClass: Codable, Sendable, Equatable {
        public var classNames: [String]
        public var confusion: [[Int]]
        /// Images of each true class (the row sums).
        public var counts: [Int]
        /// Accuracy of each true class (the diagonal over the row sum; 0 for an empty row).
        public var accuracy: [Double]
        public init(classNames: [String], confusion: [[Int]]) {
            self.classNames = classNames
            self.confusion = confusion
            self.counts = confusion.map { $0.reduce(0, +) }
            self.accuracy = confusion.enumerated().map { c, row in
                let total = row.reduce(0, +)
                return total > 0 && c < row.count ? Double(row[c]) / Double(total) : 0
            }
        }
    }
    public var model: String
    public var dataset: String
    public var count: Int
    public var loss: Double
    public var accuracy: Double
    public var seconds: Double?
    public var byClass: ByClass?
    public init(model: String, dataset: String, count: Int, loss: Double, accuracy: Double,
                seconds: Double? = nil, byClass: ByClass? = nil) {
        (self.model, self.dataset, self.count, self.loss, self.accuracy, self.seconds, self.byClass) =
            (model, dataset, count, loss, accuracy, seconds, byClass)
    }
}

/// `predict MODELS DATA[a..b]`: every model's guess for each image shown.
public struct Predictions: Codable, Sendable, Equatable {
    public struct Guess: Codable, Sendable, Equatable {
        public var predicted: Int
        public var confidence: Double
        public init(predicted: Int, confidence: Double) { (self.predicted, self.confidence) = (predicted, confidence) }
    }
    public struct Row: Codable, Sendable, Equatable {
        /// The image's index in `dataset`.
        public var index: Int
        /// The true class, or -1 for an unlabelled image.
        public var truth: Int
        /// One per model, in the order of `models`.
        public var guesses: [Guess]
        public init(index: Int, truth: Int, guesses: [Guess]) { (self.index, self.truth, self.guesses) = (index, truth, guesses) }
    }
    public var dataset: String
    public var models: [String]
    public var classNames: [String]
    /// Images predicted; `rows` may hold only the first of them.
    public var total: Int
    public var rows: [Row]
    /// The images of the first rows (images[i] is rows[i]'s).
    public var images: [KeptImage]
    public init(dataset: String, models: [String], classNames: [String], total: Int, rows: [Row], images: [KeptImage]) {
        (self.dataset, self.models, self.classNames, self.total, self.rows, self.images) =
            (dataset, models, classNames, total, rows, images)
    }
}

/// `mistakes MODEL on DATA`: the most confident wrong answers.
public struct Mistakes: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var index: Int
        public var truth: Int
        public var predicted: Int
        public var confidence: Double
        /// The probability the model gave the true class.
        public var truthProbability: Double
        public init(index: Int, truth: Int, predicted: Int, confidence: Double, truthProbability: Double) {
            (self.index, self.truth, self.predicted, self.confidence, self.truthProbability) =
                (index, truth, predicted, confidence, truthProbability)
        }
    }
    public var model: String
    public var dataset: String
    public var classNames: [String]
    /// Images looked at, and how many of them were wrong.
    public var evaluated: Int
    public var wrong: Int
    public var rows: [Row]
    public var images: [KeptImage]
    public init(model: String, dataset: String, classNames: [String], evaluated: Int, wrong: Int, rows: [Row], images: [KeptImage]) {
        (self.model, self.dataset, self.classNames, self.evaluated, self.wrong, self.rows, self.images) =
            (model, dataset, classNames, evaluated, wrong, rows, images)
    }
}

/// `shiftmap MODELS on DATA`: accuracy over a grid of shifts.
public struct Shiftmap: Codable, Sendable, Equatable {
    public struct Panel: Codable, Sendable, Equatable {
        public var model: String
        /// accuracy[row][column]: row = dy, column = dx, both running over `offsets`.
        public var accuracy: [[Double]]
        public init(model: String, accuracy: [[Double]]) { (self.model, self.accuracy) = (model, accuracy) }
    }
    public var dataset: String
    /// Images shifted for each cell.
    public var count: Int
    public var offsets: [Int]
    public var panels: [Panel]
    public init(dataset: String, count: Int, offsets: [Int], panels: [Panel]) {
        (self.dataset, self.count, self.offsets, self.panels) = (dataset, count, offsets, panels)
    }
}

/// `compare`: the table as printed (first column the measure, one column per model).
public struct Comparison: Codable, Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]]) { (self.header, self.rows) = (header, rows) }
}

/// `show DATA[a..b]`: the images and their captions (class names).
public struct ShownImages: Codable, Sendable, Equatable {
    public var dataset: String
    public var title: String?
    public var indices: [Int]
    public var captions: [String]
    public var images: [KeptImage]
    public init(dataset: String, title: String? = nil, indices: [Int], captions: [String], images: [KeptImage]) {
        (self.dataset, self.title, self.indices, self.captions, self.images) = (dataset, title, indices, captions, images)
    }
}

/// `show filters MODEL` and `show activations MODEL DATA[i]`: one layer's images.
public struct LayerImages: Codable, Sendable, Equatable {
    public var model: String
    /// 1-based, as `layer=` counts.
    public var layer: Int
    public var layerType: String
    /// The image the activations are of ("test[0]"); nil for filters.
    public var input: String?
    public var captions: [String]
    /// Already scaled to 0…1 for viewing.
    public var images: [KeptImage]
    public init(model: String, layer: Int, layerType: String, input: String? = nil, captions: [String], images: [KeptImage]) {
        (self.model, self.layer, self.layerType, self.input, self.captions, self.images) =
            (model, layer, layerType, input, captions, images)
    }
}

/// `saliency MODEL DATA[i]`: the image and where the model's answer is most sensitive.
public struct Saliency: Codable, Sendable, Equatable {
    public var model: String
    public var dataset: String
    public var index: Int
    public var truth: String
    public var predicted: String
    public var image: KeptImage
    /// |∂ score / ∂ pixel|, scaled to 0…1.
    public var map: KeptImage
    public init(model: String, dataset: String, index: Int, truth: String, predicted: String, image: KeptImage, map: KeptImage) {
        (self.model, self.dataset, self.index, self.truth, self.predicted, self.image, self.map) =
            (model, dataset, index, truth, predicted, image, map)
    }
}

/// `plot [metric=loss]`: the curves, as `LineChart` series.
public struct Plot: Codable, Sendable, Equatable {
    public struct Series: Codable, Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var dashed: Bool
        public var paletteIndex: Int?
        public init(name: String, values: [Double], dashed: Bool = false, paletteIndex: Int? = nil) {
            (self.name, self.values, self.dashed, self.paletteIndex) = (name, values, dashed, paletteIndex)
        }
    }
    /// "accuracy" or "loss".
    public var metric: String
    public var series: [Series]
    public init(metric: String, series: [Series]) { (self.metric, self.series) = (metric, series) }
}

/// `train MODEL`: the epochs of one run.
public struct TrainingRun: Codable, Sendable, Equatable {
    public struct Epoch: Codable, Sendable, Equatable {
        /// Counted over the model's life, as the store counts it.
        public var epoch: Int
        public var seconds: Double
        public var loss: Double
        public var accuracy: Double
        public var valLoss: Double?
        public var valAccuracy: Double?
        public init(epoch: Int, seconds: Double, loss: Double, accuracy: Double, valLoss: Double? = nil, valAccuracy: Double? = nil) {
            (self.epoch, self.seconds, self.loss, self.accuracy, self.valLoss, self.valAccuracy) =
                (epoch, seconds, loss, accuracy, valLoss, valAccuracy)
        }
    }
    public var model: String
    public var dataset: String
    public var epochs: [Epoch]
    /// Why training ended early ("stop_at reached", "patience", "interrupted"), if it did.
    public var stopped: String?
    public init(model: String, dataset: String, epochs: [Epoch], stopped: String? = nil) {
        (self.model, self.dataset, self.epochs, self.stopped) = (model, dataset, epochs, stopped)
    }
}
