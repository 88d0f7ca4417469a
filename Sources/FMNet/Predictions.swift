import Foundation
import FMTensor

/// What a model said about a set of images: class probabilities and the figures derived from
/// them (accuracy, loss, the confusion matrix, the most likely classes). Labels of -1 mark
/// images without one (a loaded photo); they count in no figure.
public struct Predictions {
    public let probabilities: Tensor      // [N, classes]
    public let labels: [Int32]
    public let classes: Int
    public let predicted: [Int]
    public let confidence: [Float]

    /// The network's predictions for `images`, checked against its input first.
    public init(network: Network, images: Examples, labels: [Int32]) throws {
        try network.check(images: images)
        self.init(probabilities: network.predict(images), labels: labels)
    }

    public init(probabilities: Tensor, labels: [Int32]) {
        self.probabilities = probabilities
        self.labels = labels
        let n = probabilities.shape.first ?? 0
        let k = probabilities.shape.count > 1 ? probabilities.shape[1] : 1
        classes = k
        var predicted = [Int](repeating: 0, count: n)
        var confidence = [Float](repeating: 0, count: n)
        probabilities.withUnsafeBufferPointer { p in
            for i in 0..<n {
                var best = 0
                for j in 1..<max(k, 1) where p[i * k + j] > p[i * k + best] { best = j }
                predicted[i] = best
                confidence[i] = p[i * k + best]
            }
        }
        self.predicted = predicted
        self.confidence = confidence
    }

    public var count: Int { predicted.count }

    public func probability(_ i: Int, _ c: Int) -> Float {
        probabilities.withUnsafeBufferPointer { $0[i * classes + c] }
    }

    /// Images with a label (a label of -1 means none: a loaded picture).
    public var labelled: [Int] { (0..<count).filter { labels[$0] >= 0 && Int(labels[$0]) < classes } }

    /// Sparse categorical cross-entropy, −log p[truth], averaged over the labelled images, with
    /// p clipped at 1e-7 as Keras clips it: the loss training minimises, read from probabilities.
    public var loss: Double {
        let idx = labelled
        guard !idx.isEmpty else { return 0 }
        var total = 0.0
        probabilities.withUnsafeBufferPointer { p in
            for i in idx { total -= log(Double(max(p[i * classes + Int(labels[i])], 1e-7))) }
        }
        return total / Double(idx.count)
    }

    public var accuracy: Double {
        let idx = labelled
        guard !idx.isEmpty else { return 0 }
        return Double(idx.filter { predicted[$0] == Int(labels[$0]) }.count) / Double(idx.count)
    }

    /// confusion[truth][predicted]
    public var confusion: [[Int]] {
        var m = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for i in labelled { m[Int(labels[i])][predicted[i]] += 1 }
        return m
    }

    /// The k most likely classes of image i, best first.
    public func top(_ i: Int, _ k: Int) -> [(Int, Float)] {
        (0..<classes).map { ($0, probability(i, $0)) }.sorted { $0.1 > $1.1 }.prefix(k).map { $0 }
    }
}
