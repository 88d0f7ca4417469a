import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMGraphics

/// What the networks learned: filters, feature maps and saliency.
extension Interpreter {
    func showFilters(_ st: Statement, _ args: inout Arguments) throws {
        let (name, word) = try args.name("a model after `show filters`")
        let dest = try args.destination()
        try args.finish()
        let entry = try modelEntry(name, at: word)
        let net = try network(of: entry, at: word)
        let weighted = entry.spec.layers.indices.filter { if case .conv2d = entry.spec.layers[$0] { return true }; if case .dense = entry.spec.layers[$0] { return true }; return false }
        let index = try layerIndex(st, entry, default: weighted.first.map { $0 + 1 })
        guard let kernel = net.parameters.first(where: { $0.name.hasPrefix("\(index).") && $0.name.hasSuffix(".kernel") })?.tensor else {
            throw ShellError("layer \(index) of \(name) (\(entry.spec.layers[index - 1].kind)) has no filters; try a conv2d or dense layer", at: st.option("layer")?.value ?? word)
        }
        var images: [GrayImage] = []
        var captions: [String] = []
        let s = kernel.shape
        kernel.withUnsafeBufferPointer { k in
            if s.count == 4 {   // [kh, kw, cin, cout]: each output filter, summed over input channels
                let (kh, kw, cin, cout) = (s[0], s[1], s[2], s[3])
                for o in 0..<min(cout, 64) {
                    var px = [Float](repeating: 0, count: kh * kw)
                    for y in 0..<kh { for x in 0..<kw { for c in 0..<cin { px[y * kw + x] += k[((y * kw + x) * cin + c) * cout + o] } } }
                    images.append(GrayImage(width: kw, height: kh, pixels: normalised(px)))
                    captions.append("#\(o + 1)")
                }
            } else if s.count == 2, let input = layerInput(entry, index), input.count >= 2 {   // dense on an image: each unit's weights as an image
                let (h, w) = (input[0], input[1])
                let per = s[0] / max(h * w, 1)
                for u in 0..<min(s[1], 64) where per >= 1 {
                    var px = [Float](repeating: 0, count: h * w)
                    for p in 0..<(h * w) { for c in 0..<per { px[p] += k[(p * per + c) * s[1] + u] } }
                    images.append(GrayImage(width: w, height: h, pixels: normalised(px)))
                    captions.append("unit \(u + 1)")
                }
            }
        }
        guard !images.isEmpty else { throw ShellError("layer \(index) of \(name) has weights that are not images", at: word) }
        try draw(ImageGrid(images: images, captions: captions, title: "\(name) layer \(index) (\(entry.spec.layers[index - 1].kind)): \(images.count) filters", columns: nil), to: dest, what: "show")
    }

    func showActivations(_ st: Statement, _ args: inout Arguments) throws {
        let (name, word) = try args.name("a model after `show activations`")
        guard let w = args.next() else { throw args.missing("an image such as `test[0]`") }
        let ref = try dataReference(w)
        let dest = try args.destination()
        try args.finish()
        let entry = try modelEntry(name, at: word)
        let net = try network(of: entry, at: word)
        let index = try layerIndex(st, entry, default: 1)
        let x = try inputs(ref.dataset.prefix(1), for: entry, dataName: ref.name, at: w)
        let a = net.activations(of: x, upTo: index)
        var images: [GrayImage] = []
        var captions: [String] = []
        let s = a.shape
        a.withUnsafeBufferPointer { p in
            if s.count == 4 {
                let (h, wd, c) = (s[1], s[2], s[3])
                for ch in 0..<min(c, 64) {
                    var px = [Float](repeating: 0, count: h * wd)
                    for i in 0..<(h * wd) { px[i] = p[i * c + ch] }
                    images.append(GrayImage(width: wd, height: h, pixels: normalised(px)))
                    captions.append("map \(ch + 1)")
                }
            } else {
                let n = p.count
                let side = Int(Double(n).squareRoot().rounded(.up))
                var px = [Float](repeating: 0, count: side * side)
                for i in 0..<n { px[i] = p[i] }
                images.append(GrayImage(width: side, height: side, pixels: normalised(px)))
                captions.append("\(n) values")
            }
        }
        try draw(ImageGrid(images: images, captions: captions, title: "\(name) layer \(index) (\(entry.spec.layers[index - 1].kind)) on \(w.text)", columns: nil), to: dest, what: "show")
    }

    func saliency(_ st: Statement) throws {
        var args = Arguments(st)
        let entry = try targetModel(&args, st)
        guard let w = args.next() else { throw args.missing("an image such as `test[0]`") }
        let ref = try dataReference(w)
        let dest = try args.destination()
        try args.finish()
        let one = ref.dataset.prefix(1)
        let s = try scores(entry, on: one, dataName: ref.name, at: w, st: st)
        let net = try network(of: entry, at: st.keyword)
        let x = try inputs(one, for: entry, dataName: ref.name, at: w)
        let g = net.inputGradient(of: x.tensor, classIndex: s.predicted[0])
        let magnitude = g.scalars.map { abs($0) }
        let image = GrayImage(width: one.width, height: one.height, pixels: one.image(at: 0))
        let map = GrayImage(width: one.width, height: one.height, pixels: normalised(magnitude))
        let predicted = className(one, s.predicted[0])
        output.result("saliency", [("model", .string(entry.name)), ("index", .int(ref.offset)), ("predicted", .int(s.predicted[0]))])
        try draw(ImageGrid(images: [image, map], captions: [className(one, Int(one.labels[0])), "saliency"],
                           title: "\(entry.name) sees \(predicted)", columns: 2), to: dest, what: "saliency")
    }

    private func layerIndex(_ st: Statement, _ entry: ModelEntry, default value: Int?) throws -> Int {
        if let o = st.option("layer") {
            guard let i = o.value.int, i >= 1, i <= entry.spec.layers.count else {
                throw ShellError("`layer` must be 1 to \(entry.spec.layers.count) for \(entry.name)", at: o)
            }
            return i
        }
        guard let value, value >= 1, value <= entry.spec.layers.count else { throw ShellError("\(entry.name) has no such layer", at: st.keyword) }
        return value
    }

    /// The input shape of layer `index` (1-based); after a flatten, the image it came from.
    private func layerInput(_ entry: ModelEntry, _ index: Int) -> [Int]? {
        let shapes = [entry.spec.inputShape] + ((try? entry.spec.outputShapes()) ?? [])
        var i = index - 1
        while i > 0, shapes[i].count == 1 { i -= 1 }
        return i < shapes.count ? shapes[i] : nil
    }
}

/// Scales values to [0, 1] (a flat map becomes mid-grey).
func normalised(_ v: [Float]) -> [Float] {
    guard let lo = v.min(), let hi = v.max(), hi > lo else { return v.map { _ in 0.5 } }
    return v.map { ($0 - lo) / (hi - lo) }
}
