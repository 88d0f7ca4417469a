import FMTensor

/// The Fashion-MNIST dataset (Zalando): 60,000 training and 10,000 test images, 28×28 grey,
/// 10 classes, as the four IDX files the Debian package `dataset-fashion-mnist` installs.
/// Nothing is ever downloaded.
public enum FashionMNIST {
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// `FM_DATA` when set and not empty, else `defaultDirectory`.
    public static func directory(environment: [String: String]) -> String {
        if let dir = environment["FM_DATA"], !dir.isEmpty { return dir }
        return defaultDirectory
    }

    /// The file stems; each is found as `STEM.gz` or `STEM` (raw) in the folder.
    static let stems = (trainImages: "train-images-idx3-ubyte", trainLabels: "train-labels-idx1-ubyte",
                        testImages: "t10k-images-idx3-ubyte", testLabels: "t10k-labels-idx1-ubyte")

    /// Both sets from `train-images-idx3-ubyte(.gz)` etc. in `directory`. When files are missing
    /// the error names the folder searched and the fix (`apt-get install dataset-fashion-mnist`,
    /// or set `FM_DATA`). The two sets are read in parallel. With `verify` (the default) each
    /// file's decompressed content is checked against the checksums of the real dataset, and
    /// a file that differs is named (`DataError.notFashionMNIST`).
    public static func load(from directory: String, verify: Bool = true) throws -> (train: Dataset, test: Dataset) {
        var missing = [String]()
        func locate(_ stem: String) -> String {
            for name in [stem + ".gz", stem] where isFile(join(directory, name)) { return join(directory, name) }
            missing.append(stem + ".gz")
            return ""
        }
        let paths = [locate(stems.trainImages), locate(stems.trainLabels),
                     locate(stems.testImages), locate(stems.testLabels)]
        if !missing.isEmpty { throw DataError.datasetMissing(directory: directory, missing: missing) }
        if verify {
            let order = [stems.trainImages, stems.trainLabels, stems.testImages, stems.testLabels]
            for (path, stem) in zip(paths, order) { try FashionMNIST.verify(path, stem: stem) }
        }

        // Train (26 MB of gzip) and test (4 MB) inflate on separate threads.
        let results = ParallelTasks.run(2) { i -> Result<Dataset, Error> in
            Result { try IDX.loadPair(images: paths[2 * i], labels: paths[2 * i + 1]) }
        }
        return (try results[0].get(), try results[1].get())
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
