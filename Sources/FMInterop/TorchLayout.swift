import FMTensor
import FMNet

/// Maps a PyTorch `state_dict` onto an fm network's parameters.
///
/// **Order.** Python's safetensors writes entries sorted by name ("10.weight" before "3.weight"),
/// so module order is recovered from the keys: tensors are grouped by module path (the key
/// without its last segment), modules ordered by path with numeric segments compared as numbers
/// ("features.3" before "features.10"), and within a module weight, bias, running_mean,
/// running_var. Each fm layer with parameters then takes the first unused module, in that order,
/// whose tensors fit it, so `features.*`/`classifier.*` naming works too.
///
/// **Layouts.** PyTorch conv weights are `[out, in, kh, kw]` (OIHW) and linear weights
/// `[out, in]`; fm stores `[kh, kw, in, out]` (HWIO) and `[in, out]`, as Keras does:
///   `fm.conv[y, x, i, o] = torch.weight[o, i, y, x]`,  `fm.dense[i, o] = torch.weight[o, i]`.
/// The transposition follows the parameter's role, never a shape comparison (a square
/// 256×256 linear weight is transposed too). BatchNorm's weight/bias/running_mean/running_var
/// are gamma/beta/moving_mean/moving_variance as they are.
///
/// **Flatten.** PyTorch flattens an `[C, H, W]` map in CHW order, fm an `[H, W, C]` map in HWC
/// order. Given the `spec`, the rows of the first dense kernel after such a flatten (and any
/// 1-D batchnorm vectors in between) are permuted:
///   `fm.dense[(h·W + w)·C + c, o] = torch.weight[o, c·H·W + h·W + w]`.
/// Without a spec no rows are permuted (right for the blog models, which flatten a 28×28 input
/// or follow globalavgpool).
///
/// A file whose names are fm's own ("1.dense.kernel", …) is taken as it is.
public enum TorchLayout {
    public static func match(_ file: [NamedTensor], to ours: [NamedTensor], file name: String, spec: ModelSpec? = nil) throws -> [NamedTensor] {
        if Set(file.map(\.name)) == Set(ours.map(\.name)) {
            return try fmNamed(file, to: ours, file: name)
        }
        let fileCount = file.count, ourCount = ours.count
        guard fileCount == ourCount else {
            throw InteropError.mismatch(file: name, detail: "it holds \(fileCount) float tensors (\(summary(file))), the model has \(ourCount) (\(summary(ours)))")
        }
        let modules = TorchModule.group(file)
        let layers = TorchModule.group(ours)
        let rowSources = try spec.map { try flattenRowSources($0) } ?? [:]
        var used = [Bool](repeating: false, count: modules.count)
        var out: [NamedTensor] = []
        for layer in layers {
            let rows = rowSources[layer.path]
            guard let k = modules.indices.first(where: { !used[$0] && fits(modules[$0], layer, rows: rows) }) else {
                let unused = modules.indices.filter { !used[$0] }.map { "`\(modules[$0].path)` (\(summary(modules[$0].tensors)))" }
                throw InteropError.mismatch(file: name, detail: "no module in the file fits layer \(layer.path) (\(summary(layer.tensors))); unused: \(unused.joined(separator: ", "))")
            }
            used[k] = true
            for (theirs, mine) in zip(modules[k].tensors, layer.tensors) {
                out.append(NamedTensor(name: mine.name, tensor: convert(theirs.tensor, to: mine, rows: rows)))
            }
        }
        return out
    }

    /// fm's own names: the same tensors by name, shapes checked.
    private static func fmNamed(_ file: [NamedTensor], to ours: [NamedTensor], file name: String) throws -> [NamedTensor] {
        var byName: [String: Tensor] = [:]
        for t in file { byName[t.name] = t.tensor }
        return try ours.map { mine in
            guard let t = byName[mine.name], t.shape == mine.tensor.shape else {
                throw InteropError.mismatch(file: name, detail: "`\(mine.name)` has shape \(byName[mine.name]?.shape ?? []), the model needs \(mine.tensor.shape)")
            }
            return NamedTensor(name: mine.name, tensor: t)
        }
    }

    /// Whether a PyTorch module's tensors can become this fm layer's parameters.
    private static func fits(_ module: TorchModule, _ layer: TorchModule, rows: [Int]?) -> Bool {
        guard module.tensors.count == layer.tensors.count else { return false }
        return zip(module.tensors, layer.tensors).allSatisfy { theirs, mine in
            torchShape(of: mine) == theirs.tensor.shape
        }
    }

    /// The shape PyTorch gives the tensor that becomes `mine`.
    static func torchShape(of mine: NamedTensor) -> [Int] {
        let s = mine.tensor.shape
        if mine.name.hasSuffix(".conv2d.kernel"), s.count == 4 { return [s[3], s[2], s[0], s[1]] }
        if mine.name.hasSuffix(".dense.kernel"), s.count == 2 { return [s[1], s[0]] }
        return s
    }

    /// `theirs` in fm's layout for `mine`; `rows[r]` is the PyTorch feature index of fm feature r.
    private static func convert(_ theirs: Tensor, to mine: NamedTensor, rows: [Int]?) -> Tensor {
        let s = mine.tensor.shape
        var result = Tensor(shape: s)
        theirs.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                if mine.name.hasSuffix(".conv2d.kernel"), s.count == 4 {
                    let (kh, kw, ci, co) = (s[0], s[1], s[2], s[3])
                    var k = 0
                    for y in 0..<kh { for x in 0..<kw { for i in 0..<ci { for o in 0..<co {
                        dst[k] = src[((o * ci + i) * kh + y) * kw + x]
                        k += 1
                    } } } }
                } else if mine.name.hasSuffix(".dense.kernel"), s.count == 2 {
                    let (inputs, units) = (s[0], s[1])
                    let rows = rows?.count == inputs ? rows : nil
                    for r in 0..<inputs {
                        let row = rows.map { $0[r] } ?? r
                        for o in 0..<units { dst[r * units + o] = src[o * inputs + row] }
                    }
                } else if let rows, mine.name.contains(".batchnorm."), rows.count == dst.count {
                    for r in 0..<rows.count { dst[r] = src[rows[r]] }
                } else {
                    for i in 0..<dst.count { dst[i] = src[i] }
                }
            }
        }
        return result
    }

    /// For each layer path ("4.dense") that reads a flattened `[H, W, C]` map with C > 1 (the
    /// first dense after the flatten, and 1-D batchnorms before it), the CHW index of each HWC row.
    static func flattenRowSources(_ spec: ModelSpec) throws -> [String: [Int]] {
        let shapes = try spec.outputShapes()
        var result: [String: [Int]] = [:]
        var pending: [Int]?
        var input = spec.inputShape
        for (i, layer) in spec.layers.enumerated() {
            let path = "\(i + 1).\(layer.kind)"
            switch layer {
            case .flatten:
                pending = nil
                if input.count == 3, input[2] > 1, input[0] * input[1] > 1 {
                    let (H, W, C) = (input[0], input[1], input[2])
                    var rows = [Int](repeating: 0, count: H * W * C)
                    for h in 0..<H { for w in 0..<W { for c in 0..<C { rows[(h * W + w) * C + c] = (c * H + h) * W + w } } }
                    pending = rows
                }
            case .dense:
                if let p = pending { result[path] = p }
                pending = nil
            case .batchnorm:
                if let p = pending { result[path] = p }
            case .dropout, .activation:
                break
            default:
                pending = nil
            }
            input = shapes[i]
        }
        return result
    }

    private static func summary(_ tensors: [NamedTensor]) -> String {
        let shown = tensors.prefix(6).map { "\($0.name) \($0.tensor.shape)" }
        return shown.joined(separator: ", ") + (tensors.count > 6 ? ", …" : "")
    }
}

/// Tensors sharing a module path ("features.3" of "features.3.weight"; "2.conv2d" of
/// "2.conv2d.kernel"), in PyTorch's parameter order.
struct TorchModule {
    let path: String
    var tensors: [NamedTensor]

    /// Groups by path; modules in natural path order, tensors by role then name.
    static func group(_ tensors: [NamedTensor]) -> [TorchModule] {
        var byPath: [String: [NamedTensor]] = [:]
        for t in tensors { byPath[path(of: t.name), default: []].append(t) }
        let paths = byPath.keys.sorted { naturalLess($0, $1) }
        return paths.map { p in
            TorchModule(path: p, tensors: (byPath[p] ?? []).sorted { (roleRank($0.name), $0.name) < (roleRank($1.name), $1.name) })
        }
    }

    static func path(of name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[..<dot])
    }

    /// PyTorch's order of a module's tensors (and fm's, for its own names).
    static func roleRank(_ name: String) -> Int {
        let role = name.split(separator: ".").last.map(String.init) ?? name
        let order = ["weight", "kernel", "gamma", "bias", "beta", "running_mean", "moving_mean", "running_var", "moving_variance"]
        let ranks = [0, 0, 0, 1, 1, 2, 2, 3, 3]
        return order.firstIndex(of: role).map { ranks[$0] } ?? 4
    }

    /// "a.3.b" < "a.10.b": dot-separated segments, numeric ones compared as numbers (and before words).
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".", omittingEmptySubsequences: false)
        let y = b.split(separator: ".", omittingEmptySubsequences: false)
        for (p, q) in zip(x, y) where p != q {
            switch (Int(p), Int(q)) {
            case let (m?, n?): return m < n
            case (_?, nil): return true
            case (nil, _?): return false
            default: return p < q
            }
        }
        return x.count < y.count
    }
}
