import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMInterop

/// `export MODEL to "x.safetensors"|"x.onnx"` and `import NAME from "x.safetensors" [like MODEL]`.
extension Interpreter {
    func exportModel(_ name: String, to path: String, at word: Word) throws {
        guard let entry = state.models[name] else { return }
        let net = try network(of: entry, at: word)
        let lower = path.lowercased()
        let bytes: Data
        if lower.hasSuffix(".safetensors") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var meta = ["format": "pt", "fm.architecture": String(decoding: try encoder.encode(entry.spec), as: UTF8.self),
                        "fm.epochs": String(entry.epochs),
                        "fm.history": String(decoding: try encoder.encode(entry.history), as: UTF8.self)]
            if let c = entry.compile { meta["fm.compile"] = String(decoding: try encoder.encode(c), as: UTF8.self) }
            bytes = SafeTensors.encode(net.parameters, metadata: meta)
        } else if lower.hasSuffix(".onnx") {
            bytes = try located(at: word) { try ONNXExport.model(net, name: name) }
        } else {
            throw ShellError("models are exported as .safetensors or .onnx files", at: word)
        }
        try located(at: word) { try bytes.write(to: URL(fileURLWithPath: path), options: .atomic) }
        output.result("export", [("model", .string(name)), ("file", .string(path)), ("bytes", .int(bytes.count))])
        output.text("wrote \(path) (\(ByteCountFormatter.string(fromByteCount: Int64(bytes.count), countStyle: .file)))")
    }

    func importModel(_ st: Statement) throws {
        var args = Arguments(st)
        let (name, _) = try args.name("a name for the imported model")
        guard args.take("from") else { throw args.missing("`from \"FILE\"`") }
        let (path, pathWord) = try args.string("a .safetensors file")
        var like: ModelEntry?
        if args.take("like") {
            let (n, w) = try args.name("a model after `like`")
            like = try modelEntry(n, at: w)
        }
        try args.finish()
        guard let data = FileManager.default.contents(atPath: path) else { throw ShellError("cannot read \(path)", at: pathWord) }
        let (tensors, meta) = try located(at: pathWord) { try SafeTensors.decode(data, file: path, skipNonFloat: like != nil) }
        let entry: ModelEntry
        if let like {
            entry = ModelEntry(name: name, spec: like.spec)
            entry.compile = like.compile
            let net = try located(at: pathWord) { try Network(spec: like.spec, rng: &state.rng) }
            let mapped = try located(at: pathWord) { try TorchLayout.match(tensors, to: net.parameters, file: path, spec: like.spec) }
            try located(at: pathWord) { try net.setParameters(mapped) }
            entry.network = net
        } else {
            guard let arch = meta["fm.architecture"] else {
                throw ShellError("\(path) has no fm architecture in its metadata; import it `like` a model of the same shape", at: pathWord)
            }
            let decoder = JSONDecoder()
            let spec = try located(at: pathWord) { try decoder.decode(ModelSpec.self, from: Data(arch.utf8)) }
            entry = ModelEntry(name: name, spec: spec)
            entry.compile = meta["fm.compile"].flatMap { try? decoder.decode(CompileSpec.self, from: Data($0.utf8)) }
            entry.history = meta["fm.history"].flatMap { try? decoder.decode([EpochStats].self, from: Data($0.utf8)) } ?? []
            let net = try located(at: pathWord) { try Network(spec: spec, rng: &state.rng) }
            try located(at: pathWord) { try net.setParameters(tensors) }
            entry.network = net
        }
        entry.imported = true
        state.setModel(entry)
        state.currentModel = name
        persistModel(entry)
        persistCurrentModel()
        output.result("import", [("model", .string(name)), ("file", .string(path)), ("layers", .int(entry.spec.layers.count)), ("params", .int(entry.spec.parameterCount))])
        output.text("imported \(name) from \(path): \(entry.spec.layers.count) layers, \(Table.thousands(entry.spec.parameterCount)) params")
    }
}
