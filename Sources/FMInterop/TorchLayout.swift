import FMTensor
import FMNet

/// Maps a PyTorch `state_dict` (keys in module order) onto an fm network's parameters.
///
/// PyTorch stores conv weights as [out, in, kh, kw] (OIHW) and linear weights as [out, in];
/// fm stores them as Keras does, [kh, kw, in, out] and [in, out]. Tensors are matched in order,
/// transposed where the layouts differ. (A dense layer right after flattening a multi-channel
/// map would also need its rows permuted from CHW to HWC order; the blog's models have none.)
public enum TorchLayout {
    public static func match(_ file: [NamedTensor], to ours: [NamedTensor], file name: String) throws -> [NamedTensor] {
        guard file.count == ours.count else {
            throw InteropError.mismatch(file: name, detail: "it holds \(file.count) tensors, the model has \(ours.count)")
        }
        var out: [NamedTensor] = []
        for (theirs, mine) in zip(file, ours) {
            let s = mine.tensor.shape, u = theirs.tensor.shape
            if s == u {
                out.append(NamedTensor(name: mine.name, tensor: theirs.tensor))
            } else if s.count == 4, u == [s[3], s[2], s[0], s[1]] {
                out.append(NamedTensor(name: mine.name, tensor: permute(theirs.tensor, to: s) { kh, kw, ci, co in ((co * s[2] + ci) * s[0] + kh) * s[1] + kw }))
            } else if s.count == 2, u == [s[1], s[0]] {
                out.append(NamedTensor(name: mine.name, tensor: permute(theirs.tensor, to: s) { i, o, _, _ in o * s[0] + i }))
            } else {
                throw InteropError.mismatch(file: name, detail: "`\(theirs.name)` has shape \(u), but \(mine.name) needs \(s)")
            }
        }
        return out
    }

    /// A tensor of `shape` whose element at (a, b, c, d) is `source[index(a, b, c, d)]`.
    private static func permute(_ source: Tensor, to shape: [Int], index: (Int, Int, Int, Int) -> Int) -> Tensor {
        var result = Tensor(shape: shape)
        let dims = shape + Array(repeating: 1, count: 4 - shape.count)
        source.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                var k = 0
                for a in 0..<dims[0] { for b in 0..<dims[1] { for c in 0..<dims[2] { for d in 0..<dims[3] {
                    dst[k] = src[index(a, b, c, d)]
                    k += 1
                } } } }
            }
        }
        return result
    }
}
