/// Fills a text's placeholders with the learner's numbers. A value the session does not have
/// (yet) is shown as `?`, so a text never fails to show.
extension RoleResolver {
    mutating func render(_ template: TextTemplate) -> String {
        template.pieces.map { piece in
            switch piece {
            case let .literal(text): return text
            case let .value(placeholder): return render(placeholder)
            }
        }.joined()
    }

    private mutating func render(_ placeholder: Placeholder) -> String {
        switch placeholder {
        case let .value(quantity):
            if quantity.field == .name { return name(quantity.role) }
            guard let value = number(quantity) else { return "?" }
            switch quantity.field {
            case .accuracy: return Self.fixed(value * 100, decimals: 2) + " %"
            case .loss: return Self.fixed(value, decimals: 4)
            default: return Self.grouped(Int(value.rounded()))
            }
        case let .percentFewer(a, b), let .percentMore(a, b):
            guard let x = number(a), let y = number(b), y != 0 else { return "?" }
            let fewer: Bool
            if case .percentFewer = placeholder { fewer = true } else { fewer = false }
            return Self.fixed((fewer ? 1 - x / y : x / y - 1) * 100, decimals: 0) + " %"
        case let .ratio(a, b):
            guard let x = number(a), let y = number(b), y != 0 else { return "?" }
            return Self.fixed(x / y, decimals: x / y >= 10 ? 0 : 1)
        case let .points(a, b):
            guard let x = number(a), let y = number(b) else { return "?" }
            return Self.fixed((x - y) * 100, decimals: 1)
        }
    }

    private mutating func name(_ role: String) -> String {
        if let model = model(role) { return model.name }
        if let dataset = boundDataset(role) { return dataset.name }
        return roles[role] ?? role
    }

    private mutating func number(_ quantity: Quantity) -> Double? {
        if quantity.field == .count { return boundDataset(quantity.role).map { Double($0.count) } }
        guard let model = model(quantity.role) else { return nil }
        switch quantity.field {
        case .params: return Double(model.params)
        case .flops: return Double(model.flops)
        case .epochs: return Double(model.epochsTrained)
        case .layers: return Double(model.layers.count)
        case .accuracy, .loss:
            guard let selector = quantity.dataset,
                  let evaluation = evaluation(of: model.name, on: selector) else { return nil }
            return quantity.field == .accuracy ? evaluation.accuracy : evaluation.loss
        case .name, .count: return nil
        }
    }

    /// `value` rounded to `decimals` places, without locale (a point, never a comma).
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "?" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        guard decimals > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// 223370 → "223,370".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
