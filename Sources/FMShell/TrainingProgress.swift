import Foundation
import FMNet
import FMPrompt

/// Shows training as it goes: a Keras-like bar per epoch at a terminal, one line per epoch
/// otherwise, one JSON object per epoch with `--json`; checkpoints each finished epoch.
final class TrainingProgress: TrainingMonitor {
    let output: Output
    let model: String
    let firstEpoch: Int        // epochs trained before this run
    let totalEpochs: Int
    let checkpoint: (EpochStats) -> Void
    private var started = Date()
    private var lastDraw = Date.distantPast
    private(set) var lastStep = 0
    private(set) var steps = 0
    private(set) var currentEpoch = 0

    init(output: Output, model: String, firstEpoch: Int, totalEpochs: Int, checkpoint: @escaping (EpochStats) -> Void) {
        self.output = output
        self.model = model
        self.firstEpoch = firstEpoch
        self.totalEpochs = totalEpochs
        self.checkpoint = checkpoint
    }

    var stopRequested: Bool { Interrupt.isRequested }

    func epochBegan(epoch: Int, steps: Int) {
        currentEpoch = epoch
        self.steps = steps
        lastStep = 0
        started = Date()
        lastDraw = .distantPast
        output.live("Epoch \(firstEpoch + epoch)/\(firstEpoch + totalEpochs)\n")
    }

    func stepEnded(epoch: Int, step: Int, steps: Int, loss: Double, accuracy: Double) {
        lastStep = step
        guard output.isTerminal, !output.json else { return }
        let now = Date()
        guard step == steps || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(started)
        let remaining = elapsed / Double(max(step, 1)) * Double(steps - step)
        output.live("\r" + fit("\(bar(step, steps)) - \(duration(elapsed)) - ETA \(duration(remaining)) - loss: \(f4(loss)) - accuracy: \(f4(accuracy))") + "\u{1B}[K")
    }

    func epochEnded(_ s: EpochStats) {
        let n = firstEpoch + s.epoch
        var stats = s
        stats.epoch = n
        checkpoint(stats)
        output.result("train", [("model", .string(model)), ("epoch", .int(n)), ("seconds", .double(s.seconds)),
                                ("loss", .double(s.loss)), ("accuracy", .double(s.accuracy)),
                                ("val_loss", .optional(s.valLoss)), ("val_accuracy", .optional(s.valAccuracy))])
        let validation = s.valLoss.map { " - val_loss: \(f4($0)) - val_accuracy: \(f4(s.valAccuracy ?? 0))" } ?? ""
        if output.isTerminal {
            var line = "\(bar(steps, steps)) - \(duration(s.seconds)) - loss: \(f4(s.loss)) - accuracy: \(f4(s.accuracy))\(validation)"
            if line.count >= output.style.width {   // too wide for this terminal: the short form
                let v = s.valLoss.map { " val_loss \(f4($0)) val_acc \(f4(s.valAccuracy ?? 0))" } ?? ""
                line = "\(steps)/\(steps) \(duration(s.seconds)) loss \(f4(s.loss)) acc \(f4(s.accuracy))\(v)"
            }
            output.live("\r" + fit(line) + "\u{1B}[K\n")
        } else {
            output.text("\(model) epoch \(n)/\(firstEpoch + totalEpochs) - \(String(format: "%.1f", s.seconds))s - loss: \(f4(s.loss)) - accuracy: \(f4(s.accuracy))\(validation)")
        }
    }

    /// Ends a progress line left open (before a message about stopping).
    func finishLine() {
        if lastStep > 0 && lastStep < steps { output.live("\n") }
    }

    /// Cuts a live line to the terminal's width so that `\r` can redraw it.
    private func fit(_ line: String) -> String {
        let width = max(output.style.width - 1, 20)
        return line.count > width ? String(line.prefix(width)) : line
    }

    private func bar(_ step: Int, _ steps: Int) -> String {
        let width = 30
        let done = steps > 0 ? width * step / steps : width
        let body = String(repeating: "=", count: max(done - 1, 0)) + (done < width ? ">" : "=") + String(repeating: ".", count: max(width - done, 0))
        let digits = String(steps).count
        let s = String(step)
        return String(repeating: " ", count: max(digits - s.count, 0)) + "\(s)/\(steps) [\(body.prefix(width))]"
    }

    private func f4(_ x: Double) -> String { String(format: "%.4f", x) }

    private func duration(_ t: Double) -> String {
        t < 60 ? String(format: "%.0fs", t) : String(format: "%dm%02ds", Int(t) / 60, Int(t) % 60)
    }
}
