import Foundation

/// A small in-memory ONNX graph and its encoding as an `onnx.ModelProto` (onnx/onnx.proto).
/// Field numbers used:
///
///     ModelProto        ir_version 1, producer_name 2, producer_version 3, doc_string 6,
///                       graph 7, opset_import 8
///     OperatorSetIdProto domain 1, version 2
///     GraphProto        node 1, name 2, initializer 5, input 11, output 12, value_info 13
///     NodeProto         input 1, output 2, name 3, op_type 4, attribute 5
///     AttributeProto    name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, INTS 7)
///     TensorProto       dims 1, data_type 2 (FLOAT 1), name 8, raw_data 9 (little-endian)
///     ValueInfoProto    name 1, type 2
///     TypeProto         tensor_type 1 → elem_type 1, shape 2 → dim 1 → dim_value 1 | dim_param 2
struct ONNXGraph {
    var name: String
    var nodes: [ONNXNode] = []
    var initializers: [ONNXInitializer] = []
    var inputs: [ONNXValue] = []
    var outputs: [ONNXValue] = []
    /// Shapes of intermediate values, so viewers such as Netron show them on the edges.
    var valueInfo: [ONNXValue] = []

    /// The ModelProto bytes.
    func modelProto(irVersion: Int, opset: Int, producer: String, producerVersion: String, doc: String) -> Data {
        var w = ProtoWriter()
        w.int(1, irVersion)
        w.string(2, producer)
        w.string(3, producerVersion)
        if !doc.isEmpty { w.string(6, doc) }
        w.message(7) { encodeGraph(&$0) }
        w.message(8) { o in
            o.string(1, "")
            o.int(2, opset)
        }
        return w.data
    }

    private func encodeGraph(_ w: inout ProtoWriter) {
        for n in nodes { w.message(1) { n.encode(&$0) } }
        w.string(2, name)
        for t in initializers { w.message(5) { t.encode(&$0) } }
        for v in inputs { w.message(11) { v.encode(&$0) } }
        for v in outputs { w.message(12) { v.encode(&$0) } }
        for v in valueInfo { w.message(13) { v.encode(&$0) } }
    }
}

struct ONNXNode {
    var op: String
    var name: String
    var inputs: [String]
    var outputs: [String]
    var attributes: [ONNXAttribute] = []

    func encode(_ w: inout ProtoWriter) {
        for i in inputs { w.string(1, i) }
        for o in outputs { w.string(2, o) }
        w.string(3, name)
        w.string(4, op)
        for a in attributes { w.message(5) { a.encode(&$0) } }
    }
}

enum ONNXAttribute {
    case int(String, Int)
    case float(String, Float)
    case ints(String, [Int])

    func encode(_ w: inout ProtoWriter) {
        switch self {
        case let .float(name, value):
            w.string(1, name); w.float(2, value); w.int(20, 1)
        case let .int(name, value):
            w.string(1, name); w.int(3, value); w.int(20, 2)
        case let .ints(name, values):
            w.string(1, name)
            for v in values { w.int(8, v) }
            w.int(20, 7)
        }
    }
}

/// A float32 constant, row-major.
struct ONNXInitializer {
    var name: String
    var dims: [Int]
    var values: [Float]

    func encode(_ w: inout ProtoWriter) {
        for d in dims { w.int(1, d) }
        w.int(2, 1)
        w.string(8, name)
        var raw = [UInt8]()
        raw.reserveCapacity(values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        w.bytes(9, raw)
    }
}

/// A named float32 tensor value with its shape; a nil dimension is the symbolic batch size "N".
struct ONNXValue {
    var name: String
    var dims: [Int?]

    func encode(_ w: inout ProtoWriter) {
        w.string(1, name)
        w.message(2) { type in
            type.message(1) { tensor in
                tensor.int(1, 1)
                tensor.message(2) { shape in
                    for d in dims {
                        shape.message(1) { dim in
                            if let d { dim.int(1, d) } else { dim.string(2, "N") }
                        }
                    }
                }
            }
        }
    }
}
