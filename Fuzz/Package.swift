// swift-tools-version:6.0
// libFuzzer targets for fm's readers, one executable per reader; built and run by scripts/fuzz:
//   (libFuzzer coverage and address sanitizer; see the flags there)
// A package of its own, so the main package, its tests and CI never see the fuzzer flags.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is the checkout's (main, wt-…).
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let fm = parent.lastPathComponent
let readers: [Target.Dependency] = [.product(name: "FMReaders", package: fm), "CFuzzer"]

let package = Package(
    name: "fm-fuzz",
    dependencies: [.package(path: parent.path)],
    targets: [.target(name: "CFuzzer")] + ["parser", "idx", "idx-gzip", "npy", "png", "safetensors", "lesson"].map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: readers, path: "Sources/fuzz-\(name)")
    },
    swiftLanguageModes: [.v5]
)
