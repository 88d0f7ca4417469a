import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMInterop

/// `export MODEL to "x.safetensors"|"x.onnx"` and `import NAME from "x.safetensors" [like MODEL]`.
extension Interpreter {
    func exportModel(_ model: ModelName, to file: FilePath) throws {
        let entry = try modelEntry(model)
        let (name, path, span) = (model.value, file.value, file.span)
        let net = try network(of: entry, at: model.span)
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
            bytes = try located(at: span) { try ONNXExport.model(net, name: name) }
        } else {
            throw ShellError(.exportFormat(model: true), at: span)
        }
        try located(at: span) { try bytes.write(to: URL(fileURLWithPath: path), options: .atomic) }
        output.result("export", [("model", .string(name)), ("file", .string(path)), ("bytes", .int(bytes.count))])
        output.text("wrote \(path) (\(ByteCountFormatter.string(fromByteCount: Int64(bytes.count), countStyle: .file)))")
    }

    func importModel(_ c: Import) throws {
        let (name, path, pathWord) = (c.name.value, c.file.value, c.file.span)
        try checkName(c.name)
        let like = try c.like.map(modelEntry)
        guard let data = FileManager.default.contents(atPath: path) else { throw ShellError(.cannotRead(path: path), at: pathWord) }
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
                throw ShellError(.noArchitecture(path: path), at: pathWord)
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
