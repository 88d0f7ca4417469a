import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMGraphics

/// What the networks learned: filters, feature maps and saliency.
extension Interpreter {
    func showFilters(_ model: ModelName, _ c: Show) throws {
        let name = model.value
        let entry = try modelEntry(model)
        let net = try network(of: entry, at: model.span)
        let weighted = entry.spec.layers.indices.filter { if case .conv2d = entry.spec.layers[$0] { return true }; if case .dense = entry.spec.layers[$0] { return true }; return false }
        let index = try layerIndex(c.layer, entry, default: weighted.first.map { $0 + 1 })
        guard let kernel = net.parameters.first(where: { $0.name.hasPrefix("\(index).") && $0.name.hasSuffix(".kernel") })?.tensor else {
            throw ShellError(.noFilters(model: name, layer: index, kind: entry.spec.layers[index - 1].kind), at: c.layer?.span ?? model.span)
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
        guard !images.isEmpty else { throw ShellError(.weightsNotImages(model: name, layer: index), at: model.span) }
        keepLayerImages(entry, layer: index, input: nil, captions: captions, images: images)
        try draw(ImageGrid(images: images, captions: captions, title: "\(name) layer \(index) (\(entry.spec.layers[index - 1].kind)): \(images.count) filters", columns: c.columns), to: c.file, what: "show")
    }

    func showActivations(_ model: ModelName, _ data: DataSelection, _ c: Show) throws {
        let name = model.value
        let ref = try dataReference(data)
        let entry = try modelEntry(model)
        let net = try network(of: entry, at: model.span)
        let index = try layerIndex(c.layer, entry, default: 1)
        let x = try inputs(ref.dataset.prefix(1), for: entry, dataName: ref.name, at: ref.span)
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
        keepLayerImages(entry, layer: index, input: data.text, captions: captions, images: images)
        try draw(ImageGrid(images: images, captions: captions, title: "\(name) layer \(index) (\(entry.spec.layers[index - 1].kind)) on \(data.text)", columns: c.columns), to: c.file, what: "show")
    }

    func saliency(_ c: Saliency) throws {
        let entry = try targetModel(c.model)
        let ref = try dataReference(c.data)
        let one = ref.dataset.prefix(1)
        let s = try scores(entry, on: one, dataName: ref.name, at: ref.span)
        let net = try network(of: entry, at: keywordSpan)
        let x = try inputs(one, for: entry, dataName: ref.name, at: ref.span)
        let g = net.inputGradient(of: x.tensor, classIndex: s.predicted[0])
        let magnitude = g.scalars.map { abs($0) }
        let image = GrayImage(width: one.width, height: one.height, pixels: one.image(at: 0))
        let map = GrayImage(width: one.width, height: one.height, pixels: normalised(magnitude))
        let predicted = className(one, s.predicted[0])
        keepSaliency(entry, ref, predicted: s.predicted[0], image: image, map: map)
        output.result("saliency", [("model", .string(entry.name)), ("index", .int(ref.offset)), ("predicted", .int(s.predicted[0]))])
        try draw(ImageGrid(images: [image, map], captions: [className(one, Int(one.labels[0])), "saliency"],
                           title: "\(entry.name) sees \(predicted)", columns: 2), to: c.file, what: "saliency")
    }

    private func layerIndex(_ given: Located<Int>?, _ entry: ModelEntry, default value: Int?) throws -> Int {
        let count = entry.spec.layers.count
        if let given {
            guard given.value >= 1, given.value <= count else { throw ShellError(.layerNumber(model: entry.name, count: count), at: given.span) }
            return given.value
        }
        guard let value, value >= 1, value <= count else { throw ShellError(.layerNumber(model: entry.name, count: count), at: keywordSpan) }
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
