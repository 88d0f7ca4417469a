import Foundation

/// A numeric axis: the range shown and its tick values.
struct Axis: Equatable {
    var low: Double
    var high: Double
    var step: Double
    var ticks: [Double]

    /// Position of `v` in 0…1 along the axis (0 at `low`).
    /// Non-finite results (absurd ranges) give 0.5, and the result is kept within −10…10, so
    /// positions computed from it always convert to `Int` safely.
    func fraction(_ v: Double) -> Double {
        let f = high > low ? (v - low) / (high - low) : 0.5
        return f.isFinite ? min(10, max(-10, f)) : 0.5
    }

    /// The step is the "nice" number 1, 2 or 5 × 10^k nearest above `span / target`.
    static func niceStep(span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, target))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2.0, 5.0, 10.0] where m * magnitude >= raw * 0.999 { return m * magnitude }
        return 10 * magnitude
    }

    /// A value axis for data between `minimum` and `maximum` (finite; pass nil for none): 5 % of
    /// the span added on each side (a flat series gets ±5 % of its value, or ±0.5 at 0), then
    /// widened to whole steps of about 5 ticks; it does not go below 0 when the data do not, nor
    /// above 1 when the data stay within 0…1 (accuracies). Data beyond ±1e150 count as ±1e150.
    static func values(minimum: Double?, maximum: Double?) -> Axis {
        guard var lo = minimum, var hi = maximum, lo.isFinite, hi.isFinite, lo <= hi else {
            return Axis(low: 0, high: 1, step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1])
        }
        // Beyond ±1e150 the span and the padding could overflow; such values sit at the axis' end.
        lo = min(1e150, max(-1e150, lo)); hi = min(1e150, max(-1e150, hi))
        let dataLow = lo, dataHigh = hi
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            let pad = lo == 0 ? 0.5 : abs(lo) * 0.05
            lo -= pad; hi += pad
        } else {
            let pad = (hi - lo) * 0.05
            lo -= pad; hi += pad
        }
        let step = niceStep(span: hi - lo, target: 5)
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
        if dataLow >= 0 { lo = max(lo, 0) }
        if dataLow >= 0 && dataHigh <= 1 { hi = min(hi, 1) }
        var ticks: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + step * 1e-6 && ticks.count < 50 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return Axis(low: lo, high: hi, step: step, ticks: ticks)
    }

    /// The epoch axis 1…n with integer ticks at a nice step (1, 2, 5, 10 …), at most about 10;
    /// the first tick is 1 and the others are multiples of the step.
    static func epochs(_ n: Int) -> Axis {
        let count = max(1, n)
        let step = max(1, niceStep(span: Double(count - 1), target: 8).rounded())
        var ticks: [Double] = [1]
        var t = step
        while t <= Double(count) {
            if t > 1 { ticks.append(t) }
            t += step
        }
        return Axis(low: 1, high: Double(count), step: step, ticks: ticks)
    }

    /// Tick label with as many decimals as the step needs ("0.85", "2", "0.025").
    func label(_ v: Double) -> String {
        let decimals = step >= 1 ? 0 : min(6, Int((-log10(step)).rounded(.up) + (isRound(step) ? 0 : 1)))
        return String(format: "%.\(decimals)f", v)
    }

    private func isRound(_ s: Double) -> Bool {
        let scaled = s / pow(10, log10(s).rounded(.down))
        return abs(scaled - scaled.rounded()) < 1e-9
    }
}
