import Foundation
@testable import FMLessons
import XCTest

/// A fake session that grows as a learner's would, for driving lessons without the shell.
struct FakeSession {
    var view = LessonSessionView()

    static let nnLayers: [LessonSessionView.Layer] = [
        .init(kind: "flatten"), .init(kind: "dense", size: 256), .init(kind: "dense", size: 256), .init(kind: "dense", size: 10),
    ]
    static let cnnLayers: [LessonSessionView.Layer] = [
        .init(kind: "conv2d", size: 64), .init(kind: "maxpool"), .init(kind: "conv2d", size: 128), .init(kind: "maxpool"),
        .init(kind: "conv2d", size: 128), .init(kind: "globalavgpool"), .init(kind: "dense", size: 10),
    ]

    mutating func ran(_ name: String, failed: Bool = false) {
        if !failed { view.statementsRun.append(name) }
        view.lastStatement = .init(name: name, failed: failed)
    }
    mutating func model(_ name: String, cnn: Bool) {
        view.models.append(.init(name: name, layers: cnn ? Self.cnnLayers : Self.nnLayers,
                                 params: cnn ? 223_370 : 269_322, flops: cnn ? 44_502_440 : 538_664))
        ran("model")
    }
    mutating func train(_ name: String, epochs: Int, augmented: Bool = false) {
        guard let index = view.models.firstIndex(where: { $0.name == name }) else { return }
        view.models[index].epochsTrained += epochs
        view.models[index].trainedWithValidation = true
        view.models[index].trainedWithAugmentation = augmented
        ran("train")
    }
    mutating func evaluate(_ name: String, on dataset: String, accuracy: Double, byClass: Bool = false) {
        let translated = view.datasets.first { $0.name == dataset }?.translated ?? false
        view.evaluations.append(.init(model: name, dataset: dataset, accuracy: accuracy, loss: 0.5,
                                      translated: translated, byClass: byClass))
        view.results.append(.init(kind: .evaluate, models: [name]))
        ran("evaluate")
    }
    mutating func result(_ kind: LessonResultKind, _ models: [String], statement: String) {
        view.results.append(.init(kind: kind, models: models))
        ran(statement)
    }
}

/// Runs a guide the way the shell would: after every statement the progress is encoded,
/// thrown away and decoded again, as if fm had been killed and started again.
struct Driver {
    var guide: LessonGuide
    var printed: [String] = []

    init(_ name: String) throws {
        let lesson = try XCTUnwrap(LessonLibrary.lesson(named: name))
        guide = LessonGuide(lesson: lesson, source: .builtIn(name))
    }

    mutating func roundTrip() throws {
        let data = try JSONEncoder().encode(guide.run)
        let run = try JSONDecoder().decode(LessonRun.self, from: data)
        XCTAssertEqual(run, guide.run)
        let lesson = try XCTUnwrap(LessonLibrary.lesson(for: run.source))
        guide = LessonGuide(lesson: lesson, resuming: run)
    }

    mutating func after(_ session: FakeSession) throws {
        if let text = guide.afterStatement(view: session.view) { printed.append(text) }
        try roundTrip()
    }

    mutating func answer(_ letter: String, _ session: FakeSession) throws {
        printed.append(guide.answer(letter, view: session.view))
        try roundTrip()
    }

    var step: Int { guide.run.stepIndex + 1 }
}
