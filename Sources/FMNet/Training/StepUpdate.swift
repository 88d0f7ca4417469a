import FMTensor

/// One batch's optimiser update, handed to the backward pass so that a layer can update a block
/// of its parameters as soon as the block's gradient is complete, on the core that computed it,
/// while the gradient and the weights are still in that core's cache (the dense layer does).
/// The trainer then updates, in one dispatch, only the parameters no layer finished.
///
/// Exactly the same arithmetic as updating after backward: a layer's backward reads only its own
/// parameters, before it updates them, and no other layer reads them afterwards in the same step.
final class StepUpdate {
    let slots: OptimizerSlots
    private let parameters: [Parameter]
    private let index: [ObjectIdentifier: Int]
    private var alpha: Float = 0
    /// Parameters (in `parameters`' order) already updated in this step.
    private(set) var finished: [Bool]

    init(slots: OptimizerSlots, parameters: [Parameter]) {
        self.slots = slots
        self.parameters = parameters
        index = Dictionary(parameters.enumerated().map { (ObjectIdentifier($0.element), $0.offset) }, uniquingKeysWith: { a, _ in a })
        finished = Array(repeating: false, count: parameters.count)
    }

    /// Starts step `step` (from 1): nothing finished yet.
    func begin(step: Int) {
        alpha = slots.stepSize(step)
        for i in finished.indices { finished[i] = false }
    }

    /// Updates elements `range` of `p` from its gradient, on the calling thread; concurrent calls
    /// must cover disjoint ranges. A parameter that is not trained (frozen) is left alone.
    func apply(_ p: Parameter, range: Range<Int>) {
        guard let i = index[ObjectIdentifier(p)] else { return }
        slots.update(i, p, alpha: alpha, range: range)
    }

    /// Records, from the thread that runs the backward pass, that every element of `p` is updated.
    func finish(_ p: Parameter) {
        if let i = index[ObjectIdentifier(p)] { finished[i] = true }
    }

    /// Updates every parameter no layer finished during backward.
    func applyRest() {
        if finished.allSatisfy({ $0 }) { return }
        slots.apply(to: parameters, alpha: alpha, skipping: finished)
    }
}
