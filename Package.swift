// swift-tools-version:6.0
// fm: a command shell for neural-network experiments on Fashion-MNIST.
//
// Targets point one way:
//   COpenBLAS, CProcessor ← FMTensor ← FMWideKernels ← FMNet ← FMInterop ┐
//   CZlib, CJPEG ← FMGraphics ← FMData (+ FMTensor) ────────────────────────────┤
//   FMStore (GRDB) ──────────────────────────────────────────────────────┤
//   FMGraphics ← FMReport ───────────────────────────────────────────────┤
//   FMLanguage ← FMLessons ──────────────────────────────────────────────┤
//   CEditLine ← FMPrompt ────────────────────────────────────────────────┴← FMShell ← fm (+ ArgumentParser)
import PackageDescription

// The numeric modules are optimised in debug builds too: the tests train small networks,
// and unoptimised Swift loops would make them minutes slower. Only the engine, whose shapes
// are checked before any kernel runs, drops Swift's own checks (-Ounchecked); the modules
// that parse files people give us (FMData, FMGraphics) keep them.
let optimize: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo", "-Xcc", "-fno-math-errno"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
/// Code generation for x86-64 processors with AVX2 (Intel since 2013, AMD since 2015); only for
/// `FMWideKernels`, whose code runs after a run-time check.
#if arch(x86_64)
let wide: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let wide: [SwiftSetting] = []
#endif
let optimizeChecked: [SwiftSetting] = [
    .unsafeFlags(["-O", "-wmo"], .when(configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

let package = Package(
    name: "fm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fm", targets: ["fm"]),
        // The file and script readers, for the fuzz targets in Fuzz/ (a separate package).
        .library(name: "FMReaders", targets: ["FMLanguage", "FMData", "FMGraphics", "FMInterop", "FMLessons"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C libraries, each wrapped once.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CProcessor", path: "Sources/CProcessor"),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),

        // The tensor engine: storage, BLAS, kernels. Knows nothing of the shell.
        .target(name: "FMTensor", dependencies: ["COpenBLAS", "CProcessor"], swiftSettings: optimize),
        // FMTensor's hottest element-wise kernels compiled again for AVX2, chosen at run time.
        .target(name: "FMWideKernels", dependencies: ["FMTensor"], swiftSettings: optimize + wide),
        // Layers, losses, optimisers, Sequential networks and training.
        .target(name: "FMNet", dependencies: ["FMTensor", "FMWideKernels"], swiftSettings: optimize),
        // Model files shared with other frameworks: safetensors and ONNX.
        .target(name: "FMInterop", dependencies: ["FMNet"]),
        // Pictures: PNG codec, SVG, terminal images, charts and heat maps.
        .target(name: "FMGraphics", dependencies: ["CZlib", "CJPEG"], swiftSettings: optimizeChecked),
        // Datasets: IDX, NPY and PNG loading, translations, augmentation.
        .target(name: "FMData", dependencies: ["FMTensor", "FMGraphics", "CZlib"], swiftSettings: optimizeChecked),
        // The session store on SQLite.
        .target(name: "FMStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // The command language: lexer, parser, syntax tree, diagnostics, statement table.
        .target(name: "FMLanguage"),
        // The line editor at the prompt: libedit, history, completion hooks.
        .target(name: "FMPrompt", dependencies: ["CEditLine"]),
        // The interpreter: runs statements against a session.
        .target(name: "FMShell", dependencies: ["FMLanguage", "FMNet", "FMInterop", "FMData", "FMGraphics", "FMStore", "FMPrompt",
                                              "FMLessons", "FMReport"]),
        // The thin executable.
        .executableTarget(name: "fm", dependencies: [
            "FMShell", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "FMTensorTests", dependencies: ["FMTensor", "FMWideKernels"]),
        .testTarget(name: "FMNetTests", dependencies: ["FMNet"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FMInteropTests", dependencies: ["FMInterop"]),
        .testTarget(name: "FMGraphicsTests", dependencies: ["FMGraphics"], exclude: ["Fixtures"]),
        .testTarget(name: "FMDataTests", dependencies: ["FMData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FMStoreTests", dependencies: ["FMStore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FMLanguageTests", dependencies: ["FMLanguage"]),
        // A small xterm screen model shared by the tests that drive a pseudo-terminal.
        .target(name: "FMTestSupport", path: "Tests/FMTestSupport"),
        .testTarget(name: "FMPromptTests", dependencies: ["FMPrompt", "FMTestSupport"]),
        .testTarget(name: "FMShellTests", dependencies: ["FMShell", "FMTestSupport"], exclude: ["Golden"]),
        // The session report: kept results as plain values, and the one-page HTML report.
        .target(name: "FMReport", dependencies: ["FMGraphics"]),
        .testTarget(name: "FMReportTests", dependencies: ["FMReport", "FMGraphics"]),
        // Guided lessons: the lesson file format, the built-in lessons and the engine that checks
        // each step against what the session has. Pure: the shell gives it a view of the session.
        .target(name: "FMLessons", dependencies: ["FMLanguage"]),
        .testTarget(name: "FMLessonsTests", dependencies: ["FMLessons"]),
    ],
    swiftLanguageModes: [.v5]
)
