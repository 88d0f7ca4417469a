import FMTensor

/// What a model will be asked to do, for `ModelSpec.memoryNeed(for:)`.
public enum MemoryUse: Equatable, Sendable {
    /// Only holding the parameters (building the model, loading weights): no activations.
    case parameters
    /// Forward passes at this batch size (evaluate, predict, export).
    case inference(batchSize: Int)
    /// Forward and backward passes at this batch size, with the optimiser `compile` chose.
    case training(batchSize: Int, compile: CompileSpec)
}

/// The bytes a model needs, worked out from its spec before anything is allocated.
///
/// Floats are 4 bytes. Parameters are every kernel, bias and batchnorm statistic; training adds
/// one gradient per trainable value and the optimiser's slots (Adam 2, RMSprop 1 or 2 with
/// momentum, SGD 1 with momentum, else 0); activations are every layer's output for the whole
/// batch, twice in training (the values and their gradients), plus one image's patches for each
/// conv2d (its im2col buffer holds at least one image). The figure is a floor of what the engine
/// allocates, not an exact count: its caches and workers' scratch come on top.
public struct MemoryNeed: Equatable, Sendable {
    /// One allocation a message can name: "dense 4000000000" needs `bytes` for "its kernel".
    public struct Item: Equatable, Sendable {
        public var subject: String
        public var part: String
        public var bytes: Int
    }

    /// Every sizeable piece, in layer order; each fits in an `Int`.
    public var items: [Item] = []
    public var parameters = 0
    public var gradients = 0
    public var optimiserSlots = 0
    public var activations = 0
    /// The sum of the four.
    public var total: Int { parameters + gradients + optimiserSlots + activations }
}

extension ModelSpec {
    /// The bytes `use` needs, or `MemoryError.beyondCounting` when a size overflows 64 bits.
    /// Throws `ModelError` when the layers do not fit together (as `outputShapes()` does).
    public func memoryNeed(for use: MemoryUse) throws -> MemoryNeed {
        let shapes = try outputShapes()
        var need = MemoryNeed()
        let (batch, training, slots) = use.figures
        guard batch > 0 else { throw MemoryError.badBatchSize(batch) }
        func bytes(_ count: Int?, _ subject: String, _ part: String) throws -> Int {
            guard let count, let b = CheckedSize.product(count, 4) else {
                throw MemoryError.beyondCounting(subject: subject, part: part)
            }
            return b
        }
        func add(_ field: WritableKeyPath<MemoryNeed, Int>, _ b: Int, _ item: MemoryNeed.Item) throws {
            guard let sum = CheckedSize.sum([need[keyPath: field], b]), CheckedSize.sum([need.total, b]) != nil else {
                throw MemoryError.beyondCounting(subject: item.subject, part: item.part)
            }
            need[keyPath: field] = sum
            need.items.append(item)
        }
        var input = inputShape
        for (layer, output) in zip(layers, shapes) {
            let subject = layer.label
            for part in layer.parameterParts(for: input) {
                let b = try bytes(part.count, subject, "its \(part.name)")
                try add(\.parameters, b, .init(subject: subject, part: "its \(part.name)", bytes: b))
                guard training, part.trainable else { continue }
                try add(\.gradients, b, .init(subject: subject, part: "the gradient of its \(part.name)", bytes: b))
                if slots > 0 {
                    let s = try bytes(CheckedSize.product(part.count ?? Int.max, slots), subject, "the optimiser state of its \(part.name)")
                    try add(\.optimiserSlots, s, .init(subject: subject, part: "the optimiser state of its \(part.name)", bytes: s))
                }
            }
            if use == .parameters { input = output; continue }
            let perExample = CheckedSize.product(output)
            let copies = training ? 2 : 1
            let what = "its output for a batch of \(batch)"
            let b = try bytes(perExample.flatMap { CheckedSize.product($0, batch, copies) }, subject, what)
            try add(\.activations, b, .init(subject: subject, part: what, bytes: b))
            if case .conv2d = layer, let g = try? layer.geometry(for: input) {
                let p = try bytes(CheckedSize.product(g.positions, g.patchSize), subject, "the patches of one image")
                try add(\.activations, p, .init(subject: subject, part: "the patches of one image", bytes: p))
            }
            input = output
        }
        return need
    }

    /// Throws `MemoryError.exceeds` when `use` needs more than `budget` holds. A single piece too
    /// large is named: of the layer that needs the most, its first such piece (its kernel before
    /// the kernel's gradient), "dense 4000000000 needs 12.5 TB for its kernel"; else the whole.
    public func checkMemory(for use: MemoryUse, budget: MemoryBudget) throws {
        let need = try memoryNeed(for: use)
        var perLayer: [String: Int] = [:]
        for item in need.items { perLayer[item.subject, default: 0] = CheckedSize.saturating(CheckedSize.sum([perLayer[item.subject, default: 0], item.bytes])) }
        let worst = need.items.filter { $0.bytes > budget.bytes }
            .enumerated().max { a, b in (perLayer[a.element.subject] ?? 0, b.offset) < (perLayer[b.element.subject] ?? 0, a.offset) }?.element
        if let item = worst {
            throw MemoryError.exceeds(subject: item.subject, part: item.part, needed: item.bytes, budget: budget)
        }
        guard need.total <= budget.bytes else {
            throw MemoryError.exceeds(subject: use.label, part: use.parts, needed: need.total, budget: budget)
        }
    }
}

extension MemoryUse {
    /// Batch size, whether gradients exist, and optimiser slots per trainable value.
    var figures: (batch: Int, training: Bool, slots: Int) {
        switch self {
        case .parameters: return (1, false, 0)
        case let .inference(b): return (b, false, 0)
        case let .training(b, c):
            switch c.optimizer {
            case .adam: return (b, true, 2)
            case .sgd: return (b, true, c.momentum > 0 ? 1 : 0)
            case .rmsprop: return (b, true, c.momentum > 0 ? 2 : 1)
            }
        }
    }

    /// "the model", "inference at batch 256", "training at batch 32".
    var label: String {
        switch self {
        case .parameters: return "the model"
        case let .inference(b): return "inference at batch \(b)"
        case let .training(b, _): return "training at batch \(b)"
        }
    }

    /// What the whole covers, for the message.
    var parts: String {
        switch self {
        case .parameters: return "its parameters"
        case .inference: return "its parameters and activations"
        case .training: return "its parameters, gradients, optimiser state and activations"
        }
    }
}
