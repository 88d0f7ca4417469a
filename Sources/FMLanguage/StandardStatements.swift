extension StatementTable {
    /// The layers `add` knows, as its first positional word.
    public static let layerNames: [String] = [
        "flatten", "dense", "conv2d", "maxpool", "avgpool", "globalavgpool", "dropout", "batchnorm",
        "relu", "leaky_relu", "sigmoid", "tanh", "softmax",
    ]

    /// The activations a layer may end with (`add dense 256 relu`, `activation=relu`).
    public static let activationNames: [String] = LayerRequest.Activation.allCases.map(\.rawValue)

    /// The language of docs/language.md: every statement, its forms and options.
    public static let standard = StatementTable(statements: data + models + training + pictures + shell + lessons)

    private static let data: [StatementSpec] = [
        StatementSpec(
            name: "load", usage: "load fashion-mnist|idx|npy|image|images ...",
            forms: ["load fashion-mnist [from \"DIR\"]", "load idx \"IMAGES\" \"LABELS\" as NAME",
                    "load npy \"X.npy\" [labels=\"Y.npy\"] as NAME", "load image \"PHOTO\" as NAME",
                    "load images \"DIR\" as NAME"],
            summary: "Load Fashion-MNIST, IDX or NumPy files, a photo or a photo folder.",
            options: [
                OptionSpec("labels", .string, "the labels file of `load npy`"),
                OptionSpec("limit", .int, min: 1, "load only the first N images"),
                OptionSpec("invert", .choice(Load.Invert.allCases.map(\.rawValue)), default: "auto",
                           "invert a picture's grey levels (auto: when its background is light)"),
            ],
            examples: ["load fashion-mnist"], hint: .file),
        StatementSpec(
            name: "export", usage: "export DATASET|MODEL to \"FILE\"",
            summary: "Write a dataset as .npy, or a model as .safetensors or .onnx.",
            options: [OptionSpec("labels", .bool, default: "false", "with a dataset, also write NAME-labels.npy")],
            examples: ["export test_tl to \"test_tl.npy\" labels=true"], hint: .name),
        StatementSpec(name: "datasets", usage: "datasets",
                      summary: "List the datasets: name, count, shape and where each came from.",
                      examples: ["datasets"], hint: .none),
        StatementSpec(name: "models", usage: "models",
                      summary: "List the models: layers, params, epochs, best accuracy.",
                      examples: ["models"], hint: .none),
        StatementSpec(name: "sessions", usage: "sessions", summary: "List the stored sessions.",
                      examples: ["sessions"], hint: .none),
    ]

    private static let models: [StatementSpec] = [
        StatementSpec(
            name: "model", usage: "model NAME input=SHAPE",
            summary: "Start a new, empty Sequential model and make it the current one.",
            options: [OptionSpec("input", .shape, "the shape of one input, such as 28x28 or 28x28x1")],
            examples: ["model cnn input=28x28x1"], hint: .none),
        StatementSpec(
            name: "add", usage: "add LAYER [UNITS|FILTERS] [KERNEL] [same|valid] [ACTIVATION] [to MODEL]",
            summary: "Add a layer to the current model (or to MODEL).",
            options: [
                OptionSpec("units", .int, min: 1, "outputs of a dense layer"),
                OptionSpec("filters", .int, min: 1, "output channels of a conv2d layer"),
                OptionSpec("activation", .choice(LayerRequest.Activation.allCases.map(\.rawValue)), "the activation applied to the layer's output"),
                OptionSpec("kernel", .shape, "kernel size of conv2d (3 means 3x3)"),
                OptionSpec("padding", .choice(LayerRequest.Padding.allCases.map(\.rawValue)), "same keeps the spatial size, valid does not pad"),
                OptionSpec("strides", .shape, "step of conv2d and pooling windows"),
                OptionSpec("pool", .shape, "window of maxpool and avgpool"),
                OptionSpec("rate", .double, min: 0, max: 0.999999, "fraction of inputs dropout zeroes while training"),
                OptionSpec("momentum", .double, default: "0.99", min: 0, max: 1, "batchnorm's running-average momentum"),
                OptionSpec("epsilon", .double, default: "0.001", above: 0, "batchnorm's variance offset"),
            ],
            examples: ["add conv2d 64 3x3 same relu"], hint: .layer),
        StatementSpec(name: "pop", usage: "pop [MODEL]",
                      summary: "Remove the last layer of the current model (or of MODEL).",
                      examples: ["pop"], hint: .model),
        StatementSpec(name: "use", usage: "use MODEL", summary: "Make MODEL the current model.",
                      examples: ["use nn"], hint: .model),
        StatementSpec(
            name: "summary", usage: "summary [MODEL]",
            summary: "Show a model's layers, output shapes and parameter counts.",
            options: [OptionSpec("flops", .bool, default: "false", "also show FLOPs and receptive field per layer")],
            examples: ["summary cnn flops=true"], hint: .model),
    ]

    private static let training: [StatementSpec] = [
        StatementSpec(
            name: "compile", usage: "compile [MODEL]",
            summary: "Choose a model's optimiser, learning rate and loss.",
            options: [
                OptionSpec("optimizer", .choice(Compile.Optimizer.allCases.map(\.rawValue)), default: "adam", "the optimiser"),
                OptionSpec("lr", .double, default: "0.001", above: 0, max: 10, "learning rate"),
                OptionSpec("loss", .choice(["sparse_categorical_crossentropy"]),
                           default: "sparse_categorical_crossentropy", "the loss"),
                OptionSpec("momentum", .double, default: "0.0", min: 0, max: 1, "momentum of sgd and rmsprop"),
                OptionSpec("beta1", .double, default: "0.9", min: 0, max: 0.999999, "adam's first-moment decay"),
                OptionSpec("beta2", .double, default: "0.999", min: 0, max: 0.999999, "adam's second-moment decay"),
                OptionSpec("epsilon", .double, default: "1e-7", above: 0, "added to the denominator of adam and rmsprop"),
            ],
            examples: ["compile nn optimizer=adam lr=0.001"], hint: .model),
        StatementSpec(
            name: "train", usage: "train [MODEL]",
            summary: "Train a model, one line (or progress bar) per epoch.",
            options: [
                OptionSpec("epochs", .int, default: "1", min: 1, max: 100_000, "passes over the training data"),
                OptionSpec("batch", .int, default: "32", min: 1, max: 1_000_000, "images per gradient step"),
                OptionSpec("validation", .name, "dataset evaluated after each epoch (val_loss, val_accuracy)"),
                OptionSpec("stop_at", .double, above: 0, max: 1, "stop once an epoch's training accuracy reaches this"),
                OptionSpec("keep", .choice([Train.Keep.best.rawValue, Train.Keep.last.rawValue]), default: "last",
                           "best: keep the weights of the epoch with the lowest val_loss"),
                OptionSpec("limit", .int, min: 1, "train on the first N images only"),
                OptionSpec("on", .name, default: "train", "the training dataset"),
                OptionSpec("augment", .name, "fresh random changes each epoch, such as shift:2"),
                OptionSpec("patience", .int, min: 1, max: 100_000, "stop after N epochs without val_loss improving"),
                OptionSpec("shuffle", .bool, default: "true", "shuffle the images each epoch"),
                OptionSpec("label_smoothing", .double, default: "0", min: 0, max: 1, "soften the targets: (1-e)*onehot + e/classes, as in Keras"),
            ],
            rules: [.requires(option: "keep", value: "best", needs: "validation", reason: "to know which epoch was best")],
            examples: ["train nn epochs=30 batch=32 validation=test stop_at=0.99 keep=best"], hint: .model),
        StatementSpec(
            name: "evaluate", usage: "evaluate MODEL... [on DATASET]",
            summary: "Loss and accuracy of each model on a dataset.",
            options: [
                OptionSpec("by", .choice(["class"]), "class: per-class accuracy and the confusion matrix"),
                OptionSpec("limit", .int, min: 1, "evaluate the first N images only"),
            ],
            examples: ["evaluate nn on test by=class"], hint: .models),
        StatementSpec(
            name: "predict", usage: "predict MODEL... DATA[i..j] [to \"FILE\"]",
            summary: "Each model's class and confidence for some images, with the images.",
            examples: ["predict nn cnn test[0..9]"], hint: .modelsThenData),
        StatementSpec(
            name: "mistakes", usage: "mistakes MODEL [on DATASET] [to \"FILE\"]",
            summary: "A model's most confident errors, with images and truth.",
            options: [
                OptionSpec("count", .int, default: "8", min: 1, max: 256, "how many mistakes to show"),
                OptionSpec("limit", .int, min: 1, "look at the first N images only"),
            ],
            examples: ["mistakes cnn on test"], hint: .model),
        StatementSpec(name: "seed", usage: "seed N",
                      summary: "Make initialisation, shuffling and random shifts repeatable.",
                      examples: ["seed 42"], hint: .none),
    ]

    private static let pictures: [StatementSpec] = [
        StatementSpec(
            name: "show", usage: "show DATA[i..j] | filters MODEL | activations MODEL DATA[i]",
            forms: ["show DATA[i..j] [to \"FILE\"]", "show filters MODEL [to \"FILE\"]",
                    "show activations MODEL DATA[i] [to \"FILE\"]",
                    "show image \"PHOTO\" [to \"FILE\"]"],
            summary: "Draw images, a layer's kernels, or its feature maps.",
            options: [
                OptionSpec("layer", .int, min: 1, "which layer, counted from 1, for filters and activations"),
                OptionSpec("columns", .int, min: 1, max: 64, "pictures per row"),
            ],
            examples: ["show test[0..11]"], hint: .dataset),
        StatementSpec(
            name: "translate", usage: "translate DATA as NAME",
            summary: "A shifted, cornered, rotated or scaled copy of a dataset.",
            options: [
                OptionSpec("corner", .choice(Translate.Corner.allCases.map(\.rawValue)),
                           "on a 38x38 canvas at that corner, resized back (bilinear)"),
                OptionSpec("dx", .int, min: -1000, max: 1000, "whole-pixel shift to the right (negative: left), zero fill"),
                OptionSpec("dy", .int, min: -1000, max: 1000, "whole-pixel shift down (negative: up), zero fill"),
                OptionSpec("random", .int, min: 0, max: 1000, "shift each image by up to N pixels each way"),
                OptionSpec("rotate", .double, "rotate by this many degrees around the centre (bilinear)"),
                OptionSpec("scale", .double, above: 0, max: 100, "scale around the centre by this factor (bilinear)"),
                OptionSpec("limit", .int, min: 1, "translate the first N images only"),
            ],
            rules: [.exactlyOne(groups: [["corner"], ["dx", "dy"], ["random"], ["rotate"], ["scale"]],
                                choices: "corner=, dx=/dy=, random=, rotate= or scale=",
                                advice: "give one transform per `translate` (chain them through new datasets)")],
            examples: ["translate test corner=top-left as test_tl"], hint: .dataset),
        StatementSpec(
            name: "shiftmap", usage: "shiftmap MODEL... [on DATASET] [to \"FILE\"]",
            summary: "Each model's accuracy over a grid of shifts, as a heat map.",
            options: [
                OptionSpec("range", .range, default: "-6..6", "shifts tried in each direction"),
                OptionSpec("step", .int, default: "1", min: 1, max: 100, "pixels between grid points"),
                OptionSpec("limit", .int, default: "1000", min: 1, "images evaluated per shift"),
            ],
            examples: ["shiftmap nn cnn range=-6..6"], hint: .models),
        StatementSpec(name: "compare", usage: "compare MODEL...",
                      summary: "Models side by side: params, epochs, time, accuracies.",
                      options: [OptionSpec("limit", .int, min: 1, "images evaluated per dataset (default: all)")],
                      examples: ["compare nn cnn"], hint: .models),
        StatementSpec(
            name: "plot", usage: "plot MODEL... [to \"FILE\"]",
            summary: "Training and validation curves per epoch.",
            options: [OptionSpec("metric", .choice(Plot.Metric.allCases.map(\.rawValue)), default: "accuracy", "what to plot")],
            examples: ["plot nn cnn to \"history.svg\""], hint: .models),
        StatementSpec(name: "saliency", usage: "saliency MODEL DATA[i] [to \"FILE\"]",
                      summary: "The input gradient of the predicted class, as an image.",
                      examples: ["saliency cnn test[0]"], hint: .modelsThenData),
        StatementSpec(name: "note", usage: "note \"TEXT\"",
                      summary: "Your own words, kept in the session and the report.",
                      examples: ["note \"The CNN keeps two thirds of its accuracy.\""], hint: .none),
        StatementSpec(name: "report", usage: "report to \"FILE\"",
                      summary: "The whole session as one self-contained web page.",
                      examples: ["report to \"workshop.html\""], hint: .file),
    ]

    private static let shell: [StatementSpec] = [
        StatementSpec(name: "session", usage: "session NAME",
                      summary: "Switch to the stored session NAME, creating it if needed.",
                      examples: ["session workshop"], hint: .session),
        StatementSpec(name: "forget", usage: "forget NAME", summary: "Remove a model or dataset from the session.",
                      examples: ["forget test_s"], hint: .name),
        StatementSpec(name: "import", usage: "import NAME from \"FILE\" [like MODEL]",
                      summary: "A model from .safetensors; `like MODEL` reads a PyTorch one.",
                      examples: ["import cnn3 from \"torch.safetensors\" like cnn"], hint: .none),
        StatementSpec(name: "history", usage: "history [to \"FILE\"]",
                      summary: "This session's statements, or a script that rebuilds it.",
                      examples: ["history to \"rebuild.fm\""], hint: .file),
        StatementSpec(name: "run", usage: "run \"FILE\"", summary: "Run a script inside this session.",
                      examples: ["run \"other.fm\""], hint: .file),
        StatementSpec(name: "help", usage: "help [STATEMENT]",
                      summary: "Every statement, or one statement's options and example.",
                      examples: ["help train"], hint: .statement),
        StatementSpec(name: "quit", aliases: ["exit"], usage: "quit", summary: "Leave fm.",
                      examples: ["quit"], hint: .none),
    ]

    /// Guided lessons (docs/lessons.md); they run inside the prompt and never block other statements.
    private static let lessons: [StatementSpec] = [
        StatementSpec(name: "lessons", usage: "lessons",
                      summary: "The lessons fm has: title, parts and minutes.",
                      examples: ["lessons"], hint: .none),
        StatementSpec(name: "lesson", usage: "lesson NAME|\"FILE\"|hint|skip|back|stop",
                      forms: ["lesson NAME", "lesson \"FILE.lesson\"", "lesson", "lesson hint", "lesson skip", "lesson back",
                              "lesson stop"],
                      summary: "Start or resume a guided lesson; alone, show its current step.",
                      examples: ["lesson nn-vs-cnn", "lesson hint"], hint: .none),
        StatementSpec(name: "answer", usage: "answer CHOICE",
                      summary: "Answer the current lesson's question.",
                      examples: ["answer B"], hint: .none),
    ]
}
