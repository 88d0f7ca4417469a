import Foundation
import FMGraphics
@testable import FMReport

/// A session with one kept result of every kind, on small synthetic data with figures like
/// those of the NN-vs-CNN experiment.
enum ReportSample {
    static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    static let start = Date(timeIntervalSinceReferenceDate: 818_000_000)   // 2026-12-03 12:53:20 UTC

    /// A 28 × 28 garment-like picture of class `c`, varied by `seed`.
    static func garment(_ c: Int, seed: Int) -> GrayImage {
        var px = [Float](repeating: 0, count: 28 * 28)
        var state = UInt32(truncatingIfNeeded: seed &* 2_654_435_761 &+ c &* 97 &+ 1)
        func noise() -> Float { state = state &* 1_664_525 &+ 1_013_904_223; return Float(state >> 24) / 255 }
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ v: Float) {
            for y in max(0, y0)..<min(28, y1) { for x in max(0, x0)..<min(28, x1) { px[y * 28 + x] = v * (0.75 + 0.25 * noise()) } }
        }
        let dx = seed % 3 - 1
        switch c {
        case 0, 2, 4, 6:   // tops: body and sleeves, long for pullover, coat and shirt
            fill(8 + dx, 5, 20 + dx, 25, 0.8)
            fill(3 + dx, 5, 8 + dx, c == 0 ? 12 : 22, 0.7); fill(20 + dx, 5, 25 + dx, c == 0 ? 12 : 22, 0.7)
            if c == 4 { fill(13 + dx, 5, 15 + dx, 25, 0.3) }
        case 1: fill(8 + dx, 3, 13 + dx, 26, 0.75); fill(15 + dx, 3, 20 + dx, 26, 0.75); fill(8 + dx, 3, 20 + dx, 7, 0.75)
        case 3: fill(10 + dx, 3, 18 + dx, 10, 0.8); fill(7 + dx, 10, 21 + dx, 26, 0.7)
        case 5: for i in 0..<5 { fill(3 + 5 * i, 14 + (i % 2) * 2, 6 + 5 * i, 22, 0.8) }; fill(2, 20, 26, 23, 0.9)
        case 7: fill(3, 15, 25, 22, 0.8); fill(3, 12, 12, 16, 0.7)
        case 8: fill(5, 10, 23, 25, 0.7); fill(9, 4, 11, 11, 0.9); fill(17, 4, 19, 11, 0.9); fill(9, 4, 19, 6, 0.9)
        default: fill(14, 3, 22, 22, 0.8); fill(4, 16, 22, 24, 0.85)
        }
        return GrayImage(width: 28, height: 28, pixels: px)
    }

    static func epochs(_ acc: [Double], _ val: [Double], seconds: Double) -> [TrainingRun.Epoch] {
        acc.indices.map { i in
            TrainingRun.Epoch(epoch: i + 1, seconds: seconds, loss: 1.6 * (1 - acc[i]) + 0.1, accuracy: acc[i],
                              valLoss: 1.7 * (1 - val[i]) + 0.12, valAccuracy: val[i])
        }
    }

    static let nnHistory = epochs([0.8221, 0.8642, 0.8775, 0.8862, 0.8931], [0.8443, 0.8571, 0.8702, 0.8748, 0.8851], seconds: 9.4)
    static let cnnHistory = epochs([0.8493, 0.8978, 0.9127, 0.9228, 0.9301], [0.8812, 0.9003, 0.9101, 0.9172, 0.9215], seconds: 61.2)

    /// A CNN-like confusion matrix on 1,000 images per class: shirts taken for T-shirts,
    /// pullovers and coats; pullovers and coats for each other.
    static var confusion: [[Int]] {
        let diagonal = [871, 982, 874, 921, 866, 981, 724, 968, 983, 962]
        let mistakes: [Int: [Int: Int]] = [0: [6: 92, 3: 20], 1: [3: 12], 2: [4: 61, 6: 50], 3: [4: 31, 6: 30, 0: 10],
                                           4: [2: 70, 6: 50], 5: [7: 14], 6: [0: 110, 2: 80, 4: 70], 7: [5: 12, 9: 20],
                                           8: [6: 9], 9: [7: 33]]
        return (0..<10).map { t in
            var row = [Int](repeating: 0, count: 10)
            row[t] = diagonal[t]
            for (p, n) in mistakes[t] ?? [:] { row[p] = n }
            row[(t + 5) % 10] += 1000 - row.reduce(0, +)   // the rest, one class far off
            return row
        }
    }

    static var results: [KeptResult] {
        let shown = (0..<12).map { garment($0 % 10, seed: $0) }
        let offsets = Array(stride(from: -6, through: 6, by: 2))
        func grid(_ centre: Double, _ fall: Double) -> [[Double]] {
            offsets.map { dy in offsets.map { dx in max(0.1, centre - fall * Double(abs(dx) + abs(dy))) } }
        }
        let filters = (0..<16).map { i in GrayImage(width: 3, height: 3, pixels: (0..<9).map { Float(($0 * (i + 3) + i) % 7) / 6 }) }
        let maps = (0..<8).map { i in GrayImage(width: 26, height: 26, pixels: garment(0, seed: 0).pixels.enumerated()
            .filter { ($0.offset % 28) < 26 && $0.offset / 28 < 26 }.map { $0.element * Float(i + 2) / 9 }) }
        let saliencyMap = GrayImage(width: 28, height: 28, pixels: (0..<784).map { p in
            let (x, y) = (Float(p % 28) - 14, Float(p / 28) - 12); return exp(-(x * x + y * y) / 40) })
        let predictions = (0..<8).map { i -> Predictions.Row in
            let truth = (i * 3) % 10
            let nnWrong = i == 2 || i == 5
            return Predictions.Row(index: i, truth: truth, guesses: [
                .init(predicted: nnWrong ? (truth + 4) % 10 : truth, confidence: nnWrong ? 0.61 : 0.93),
                .init(predicted: truth, confidence: 0.97 - Double(i) * 0.01)])
        }
        return [
            .images(ShownImages(dataset: "train", title: "train: first 12 of 60000", indices: Array(0..<12),
                                captions: (0..<12).map { classNames[$0 % 10] }, images: .init(shown))),
            .summary(ModelSummary(model: "cnn", inputShape: [1, 28, 28], layers: [
                .init(name: "conv2d_1", type: "conv2d", outputShape: [26, 26, 32], params: 320, flops: 389_376, receptiveField: 3),
                .init(name: "relu_2", type: "relu", outputShape: [26, 26, 32], params: 0, flops: 21_632, receptiveField: 3),
                .init(name: "maxpool2d_3", type: "maxpool2d", outputShape: [13, 13, 32], params: 0, flops: 21_632, receptiveField: 4),
                .init(name: "flatten_4", type: "flatten", outputShape: [5408], params: 0, flops: 0, receptiveField: 4),
                .init(name: "dense_5", type: "dense", outputShape: [41], params: 222_630, flops: 443_456, receptiveField: 28),
                .init(name: "dense_6", type: "dense", outputShape: [10], params: 420, flops: 820, receptiveField: 28),
            ], totalParams: 223_370, flopsPerImage: 876_916)),
            .training(TrainingRun(model: "nn", dataset: "train", epochs: nnHistory)),
            .training(TrainingRun(model: "cnn", dataset: "train", epochs: cnnHistory, stopped: "stop_at=0.93 reached")),
            .plot(Plot(metric: "accuracy", series: [
                .init(name: "nn train", values: nnHistory.map(\.accuracy), paletteIndex: 0),
                .init(name: "nn val", values: nnHistory.compactMap(\.valAccuracy), dashed: true, paletteIndex: 0),
                .init(name: "cnn train", values: cnnHistory.map(\.accuracy), paletteIndex: 1),
                .init(name: "cnn val", values: cnnHistory.compactMap(\.valAccuracy), dashed: true, paletteIndex: 1)])),
            .evaluation(Evaluation(model: "nn", dataset: "test", count: 10000, loss: 0.3342, accuracy: 0.8851, seconds: 0.8)),
            .evaluation(Evaluation(model: "cnn", dataset: "test", count: 10000, loss: 0.2275, accuracy: 0.9132, seconds: 4.1,
                                   byClass: .init(classNames: classNames, confusion: confusion))),
            .predictions(Predictions(dataset: "test", models: ["nn", "cnn"], classNames: classNames, total: 8, rows: predictions,
                                     images: .init(predictions.map { garment($0.truth, seed: $0.index) }))),
            .mistakes(Mistakes(model: "cnn", dataset: "test", classNames: classNames, evaluated: 10000, wrong: 868, rows: [
                .init(index: 4317, truth: 6, predicted: 0, confidence: 0.9981, truthProbability: 0.0012),
                .init(index: 812, truth: 2, predicted: 4, confidence: 0.9904, truthProbability: 0.0071),
                .init(index: 2903, truth: 4, predicted: 2, confidence: 0.9822, truthProbability: 0.0153),
                .init(index: 6011, truth: 9, predicted: 7, confidence: 0.9710, truthProbability: 0.0241)],
                images: .init([garment(6, seed: 1), garment(2, seed: 2), garment(4, seed: 3), garment(9, seed: 4)]))),
            .shiftmap(Shiftmap(dataset: "test", count: 1000, offsets: offsets, panels: [
                .init(model: "nn", accuracy: grid(0.885, 0.058)), .init(model: "cnn", accuracy: grid(0.921, 0.026))])),
            .compare(Comparison(header: ["measure", "nn", "cnn", "<script>"], rows: [
                ["params", "269,322", "223,370 ★", "7,850"], ["FLOPs per image", "538,368 ★", "876,916", "15,680"],
                ["epochs", "5", "5", "0"], ["best val accuracy", "88.51%", "92.15% ★", "—"],
                ["accuracy on moved", "19.84%", "61.27% ★", "—"]])),
            .filters(LayerImages(model: "cnn", layer: 1, layerType: "conv2d", captions: (1...16).map { "#\($0)" }, images: .init(filters))),
            .activations(LayerImages(model: "cnn", layer: 1, layerType: "conv2d", input: "test[0]",
                                     captions: (1...8).map { "map \($0)" }, images: .init(maps))),
            .saliency(Saliency(model: "cnn", dataset: "test", index: 0, truth: "Ankle boot", predicted: "Ankle boot",
                               image: KeptImage(garment(9, seed: 0)), map: KeptImage(saliencyMap))),
            .note("Loss & accuracy <b>both</b> fall: the CNN's moved accuracy is 3× the NN's."),
        ]
    }

    static let statements: [String] = {
        ["show train", "summary cnn flops=true", "train nn epochs=5 validation=test", "train cnn epochs=5 validation=test stop_at=0.93",
         "plot", "evaluate nn on test", "evaluate cnn on test by=class", "predict nn cnn test[0..7]", "mistakes cnn on test count=4",
         "shiftmap nn cnn on test step=2", "compare", "show filters cnn", "show activations cnn test[0]", "saliency cnn test[0]",
         #"note "Loss & accuracy <b>both</b> fall: the CNN's moved accuracy is 3× the NN's.""#]
    }()

    static var session: ReportSession {
        let entries = results.enumerated().map { i, r in
            KeptEntry(sequence: i + 1, statement: statements[i], createdAt: start.addingTimeInterval(Double(i) * 95), result: r)
        }
        return ReportSession(name: "workshop & <friends>", writtenAt: start.addingTimeInterval(3600), datasets: [
            .init(name: "train", count: 60000, shape: [1, 28, 28], source: "/usr/share/fashion-mnist/train-images-idx3-ubyte.gz"),
            .init(name: "test", count: 10000, shape: [1, 28, 28], source: "/usr/share/fashion-mnist/t10k-images-idx3-ubyte.gz"),
            .init(name: "moved", count: 10000, shape: [1, 38, 38], source: "test corner=random"),
        ], models: [
            .init(name: "nn", layers: ["flatten", "dense", "relu", "dense"], params: 269_322, epochs: 5, trainingSeconds: 47.0,
                  bestValAccuracy: 0.8851, optimiser: "adam", evaluations: [.init(dataset: "test", accuracy: 0.8851)], history: nnHistory),
            .init(name: "cnn", layers: ["conv2d", "relu", "maxpool2d", "flatten", "dense", "dense"], params: 223_370, epochs: 5,
                  trainingSeconds: 306.0, bestValAccuracy: 0.9215, optimiser: "adam",
                  evaluations: [.init(dataset: "moved", accuracy: 0.6127), .init(dataset: "test", accuracy: 0.9132)], history: cnnHistory),
            .init(name: "<script>", layers: ["flatten", "dense"], params: 7_850, epochs: 0, trainingSeconds: 0,
                  bestValAccuracy: nil, optimiser: nil),
        ], results: entries, statements: statements)
    }
}
