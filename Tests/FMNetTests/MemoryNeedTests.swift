import XCTest
@testable import FMNet

/// Sizes from input refused before allocation: overflow-checked shapes and counts, and memory
/// needs compared with a budget.
final class MemoryNeedTests: XCTestCase {
    let machine = MemoryBudget(bytes: 24 * 1 << 30, source: .physicalMemory)

    func testGiantDenseIsRefusedNamingItsKernel() throws {
        var spec = ModelSpec(inputShape: [28, 28])
        try spec.append(.flatten)
        try spec.append(.dense(units: 4_000_000_000, activation: .relu))
        XCTAssertEqual(spec.parameterCount, 784 * 4_000_000_000 + 4_000_000_000)
        let need = try spec.memoryNeed(for: .parameters)
        XCTAssertEqual(need.parameters, (784 * 4_000_000_000 + 4_000_000_000) * 4)
        XCTAssertThrowsError(try spec.checkMemory(for: .parameters, budget: machine)) {
            XCTAssertEqual("\($0)", "dense 4000000000 needs 12.5 TB for its kernel; this machine has 25.8 GB")
        }
        XCTAssertThrowsError(try spec.checkMemory(for: .training(batchSize: 32, compile: CompileSpec()),
                                                  budget: MemoryBudget(bytes: 2_000_000_000, source: .setting("2G")))) {
            XCTAssertEqual("\($0)", "dense 4000000000 needs 12.5 TB for its kernel; FM_MEMORY allows 2 GB")
        }
    }

    func testGiantInputShapeWithFlatten() throws {
        var spec = ModelSpec(inputShape: [100_000, 100_000])
        try spec.append(.flatten)
        try spec.append(.dense(units: 10, activation: .softmax))
        XCTAssertThrowsError(try spec.checkMemory(for: .inference(batchSize: 1), budget: machine)) {
            XCTAssertEqual("\($0)", "dense 10 needs 400 GB for its kernel; this machine has 25.8 GB")
        }
        // Three sides of 10⁷ have 10²¹ elements: more than Int holds, refused when added.
        var huge = ModelSpec(inputShape: [10_000_000, 10_000_000, 10_000_000])
        XCTAssertThrowsError(try huge.append(.flatten)) {
            XCTAssertEqual("\($0)", "the model input of 10000000x10000000x10000000 holds more values than a 64-bit count can number; use smaller sizes")
        }
        XCTAssertEqual(huge.parameterCount, 0)
    }

    func testHugeConvFilters() throws {
        var spec = ModelSpec(inputShape: [28, 28, 1])
        try spec.append(.conv2d(filters: 1 << 40, kernel: [3, 3], strides: [1, 1], padding: .same, activation: .relu))
        XCTAssertThrowsError(try spec.checkMemory(for: .parameters, budget: machine)) {
            XCTAssertEqual("\($0)", "conv2d 1099511627776 3x3 same needs 39.6 TB for its kernel; this machine has 25.8 GB")
        }
        // Its output per batch overflows before its kernel does with a large batch.
        XCTAssertThrowsError(try spec.memoryNeed(for: .training(batchSize: 1 << 30, compile: CompileSpec()))) {
            XCTAssertEqual("\($0)", "conv2d 1099511627776 3x3 same needs more bytes for its output for a batch of 1073741824 than a 64-bit count can number")
        }
        var window = ModelSpec(inputShape: [28, 28, 1])
        XCTAssertThrowsError(try window.append(.conv2d(filters: 1, kernel: [3, 3], strides: [Int.max], padding: .same, activation: .relu))) {
            XCTAssertEqual("\($0)", "conv2d 1 3x3 same strides=9223372036854775807: window and stride sides are at most 1048576")
        }
    }

    func testCountsSaturateInsteadOfTrapping() throws {
        let spec = ModelSpec(inputShape: [4], layers: [.dense(units: Int.max / 2, activation: .relu)])
        XCTAssertEqual(spec.parameterCount, Int.max)
        XCTAssertEqual(spec.flopsPerExample(), Int.max)
        XCTAssertThrowsError(try spec.memoryNeed(for: .parameters)) {
            XCTAssertEqual($0 as? MemoryError, .beyondCounting(subject: "dense 4611686018427387903", part: "its kernel"))
        }
    }

    func testBlogCNNTrainingFiguresAndTheWholeRefused() throws {
        let need = try Blog.cnn.memoryNeed(for: .training(batchSize: 32, compile: CompileSpec()))
        XCTAssertEqual(need.parameters, 223_370 * 4)
        XCTAssertEqual(need.gradients, 223_370 * 4)
        XCTAssertEqual(need.optimiserSlots, 2 * 223_370 * 4, "Adam keeps two slots")
        let outputs = (try Blog.cnn.outputShapes()).map { $0.reduce(1, *) }.reduce(0, +)
        let patches = 28 * 28 * 9 + 14 * 14 * 576 + 7 * 7 * 1152
        XCTAssertEqual(need.activations, (outputs * 32 * 2 + patches) * 4)
        var sgd = CompileSpec()
        sgd.optimizer = .sgd
        XCTAssertEqual(try Blog.cnn.memoryNeed(for: .training(batchSize: 32, compile: sgd)).optimiserSlots, 0)
        XCTAssertNoThrow(try Blog.cnn.checkMemory(for: .training(batchSize: 32, compile: CompileSpec()), budget: machine))
        // No single piece is over 20 MB (the largest, the first conv2d's outputs, is 12.8 MB), but the whole is.
        XCTAssertThrowsError(try Blog.cnn.checkMemory(for: .training(batchSize: 32, compile: CompileSpec()),
                                                      budget: MemoryBudget(bytes: 20_000_000, source: .setting("20M")))) {
            XCTAssertEqual("\($0)", "training at batch 32 needs \(MemoryBudget.format(need.total)) for its parameters, gradients, optimiser state and activations; FM_MEMORY allows 20 MB")
        }
        XCTAssertThrowsError(try Blog.cnn.memoryNeed(for: .inference(batchSize: 0))) {
            XCTAssertEqual("\($0)", "a batch size of 0 is not usable: give at least 1")
        }
    }

    func testBudgetFromEnvironment() throws {
        XCTAssertEqual(try MemoryBudget.current(environment: ["FM_MEMORY": "2G"]), MemoryBudget(bytes: 2_000_000_000, source: .setting("2G")))
        XCTAssertEqual(try MemoryBudget.current(environment: ["FM_MEMORY": "1.5GiB"]).bytes, 3 << 29)
        XCTAssertEqual(MemoryBudget.parse("512m"), 512_000_000)
        XCTAssertEqual(MemoryBudget.parse("3000"), 3000)
        for bad in ["", "lots", "-1G", "0", "2X", "99999999999T", "nan", "2iB"] { XCTAssertNil(MemoryBudget.parse(bad), bad) }
        XCTAssertThrowsError(try MemoryBudget.current(environment: ["FM_MEMORY": "lots"])) {
            XCTAssertEqual("\($0)", "FM_MEMORY=lots is not a size: give a number of bytes with an optional K, M, G or T, such as 2G")
        }
        let physical = try MemoryBudget.current(environment: [:])
        XCTAssertEqual(physical.source, .physicalMemory)
        XCTAssertEqual(physical.bytes, MemoryBudget.physicalMemory())
        XCTAssertGreaterThan(physical.bytes, 1 << 28)
        XCTAssertEqual(MemoryBudget.memTotal(from: "MemTotal:       24683772 kB\nMemFree: 1 kB\n"), 24_683_772 * 1024)
    }

    func testByteFormat() {
        XCTAssertEqual([0, 999, 1000, 1500, 12_544_000_000_000, 25_769_803_776, 2_000_000_000, 99_960_000].map(MemoryBudget.format),
                       ["0 bytes", "999 bytes", "1 kB", "1.5 kB", "12.5 TB", "25.8 GB", "2 GB", "100 MB"])
    }
}
