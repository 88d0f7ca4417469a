import Foundation

/// An ONNX ModelProto decoded by the test-side `ProtoMessage` reader (field numbers from onnx.proto).
struct ONNXModel {
    struct Node {
        let op: String, name: String, inputs: [String], outputs: [String]
        let ints: [String: [Int]], floats: [String: Float]
    }
    struct Initializer {
        let dims: [Int], dataType: Int, values: [Float]
    }

    let irVersion: Int, opsetDomain: String, opset: Int, producer: String
    let nodes: [Node]
    let initializers: [String: Initializer]
    let initializerOrder: [String]
    /// Dims of the input and output values; -1 for a symbolic dimension, named in `symbols`.
    let inputs: [(name: String, dims: [Int], symbols: [String])]
    let outputs: [(name: String, dims: [Int], symbols: [String])]
    let valueInfo: [String: [Int]]

    var ops: [String] { nodes.map(\.op) }

    init(_ data: Data) throws {
        let model = try ProtoMessage(data)
        irVersion = model.int(1) ?? -1
        producer = model.string(2) ?? ""
        let opsetImport = try model.message(8)
        opsetDomain = opsetImport?.string(1) ?? ""
        opset = opsetImport?.int(2) ?? -1
        guard let graph = try model.message(7) else { throw ProtoMessage.ParseError(description: "no graph") }
        nodes = try graph.messages(1).map { n in
            var ints: [String: [Int]] = [:], floats: [String: Float] = [:]
            for a in try n.messages(5) {
                let name = a.string(1) ?? ""
                switch a.int(20) {
                case 1: floats[name] = a.float(2)
                case 2: ints[name] = [a.int(3) ?? 0]
                case 7: ints[name] = a.ints(8)
                default: break
                }
            }
            return Node(op: n.string(4) ?? "", name: n.string(3) ?? "", inputs: n.strings(1), outputs: n.strings(2), ints: ints, floats: floats)
        }
        var inits: [String: Initializer] = [:], order: [String] = []
        for t in try graph.messages(5) {
            let raw = t.rawBytes(9) ?? []
            let values = stride(from: 0, to: raw.count - 3, by: 4).map { i in
                Float(bitPattern: UInt32(raw[i]) | UInt32(raw[i + 1]) << 8 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 3]) << 24)
            }
            let name = t.string(8) ?? ""
            inits[name] = Initializer(dims: t.ints(1), dataType: t.int(2) ?? -1, values: values)
            order.append(name)
        }
        initializers = inits
        initializerOrder = order
        func value(_ m: ProtoMessage) throws -> (String, [Int], [String]) {
            var dims: [Int] = [], symbols: [String] = []
            let shape = try m.message(2)?.message(1)?.message(2)
            for d in try shape?.messages(1) ?? [] {
                if let v = d.int(1) { dims.append(v) } else { dims.append(-1); symbols.append(d.string(2) ?? "") }
            }
            return (m.string(1) ?? "", dims, symbols)
        }
        inputs = try graph.messages(11).map(value)
        outputs = try graph.messages(12).map(value)
        var info: [String: [Int]] = [:]
        for v in try graph.messages(13).map(value) { info[v.0] = v.1 }
        valueInfo = info
    }
}
