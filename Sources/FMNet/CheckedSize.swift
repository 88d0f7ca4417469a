/// Sizes that come from input (units, filters, input shapes, batch sizes) multiplied without
/// trapping: a product that does not fit in `Int` is nil (or `Int.max` where a count is only
/// shown), never an overflow trap.
enum CheckedSize {
    /// The product of `factors`, or nil when it overflows. An empty list is 1.
    static func product(_ factors: [Int]) -> Int? {
        var total = 1
        for f in factors {
            let (p, overflow) = total.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            total = p
        }
        return total
    }

    static func product(_ factors: Int...) -> Int? { product(factors) }

    /// The sum of `terms`, or nil when it overflows.
    static func sum(_ terms: [Int]) -> Int? {
        var total = 0
        for t in terms {
            let (s, overflow) = total.addingReportingOverflow(t)
            if overflow { return nil }
            total = s
        }
        return total
    }

    /// `product` saturated at `Int.max`, for counts that are only reported (parameters, FLOPs).
    static func saturating(_ value: Int?) -> Int { value ?? Int.max }

    /// The largest kernel, pool or stride side accepted: far beyond any useful window, and small
    /// enough that the window arithmetic (`(out − 1)·stride + kernel`) cannot overflow.
    static let maximumWindowSide = 1 << 20
}
