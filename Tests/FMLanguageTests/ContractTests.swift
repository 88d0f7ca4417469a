import XCTest
import FMLanguage

/// Every statement shown in the language contract (LANGUAGE.md), comments and all, parses
/// against the standard table.
final class ContractTests: XCTestCase {
    static let contract = #"""
load fashion-mnist                   # datasets `train` (60000) and `test` (10000), pixels scaled to [0,1]
load fashion-mnist from "DIR"        # the same four IDX .gz files from another folder
load idx "IMAGES.gz" "LABELS.gz" as NAME   # any IDX image/label pair (e.g. MNIST digits)
load npy "X.npy" labels="Y.npy" as NAME   # float32 or uint8 N×H×W images, uint8/int labels
load image "shoe.png" as mine        # a PNG or JPEG photo, prepared like Fashion-MNIST: grey, cropped to the garment, centred on black
load images "photos/" as ours        # a folder of photos, one sub-folder per class (`photos/Sneaker/…`)
export test_tl to "test_tl.npy" labels=true   # images as float32 N×H×W (+ test_tl-labels.npy)
datasets                             # name, count, shape, where it came from
show test[0..11]                     # the images with their class names, drawn in the terminal
show test[0] to "img.png"            # the same, to a file
model nn input=28x28                 # new empty Sequential model; it becomes the current model
add flatten
add dense 256 relu                   # = add dense 256 activation=relu
add dense 256 relu
add dense 10 softmax
summary                              # Keras-style table: layer, output shape, params; total 269,322

model cnn input=28x28x1
add conv2d 64 3x3 same relu          # = add conv2d 64 kernel=3x3 padding=same activation=relu
add maxpool 2x2
add conv2d 128 3x3 same relu
add maxpool 2x2
add conv2d 128 3x3 same relu
add globalavgpool
add dense 10 softmax
summary cnn                          # total 223,370
summary cnn flops=true               # adds FLOPs and receptive field per layer

use nn                               # make another model current
add dense 64 relu to cnn             # `to NAME` targets a model that is not current
pop                                  # remove the current model's last layer
models                               # every model: layers, params, trained epochs, best accuracy
compile nn optimizer=adam lr=0.001 loss=sparse_categorical_crossentropy   # these are the defaults
train nn epochs=30 batch=32 validation=test stop_at=0.99 keep=best
train cnn epochs=1 limit=5000        # only the first 5000 training images
train nn on=train_r epochs=5         # train on any dataset (default: train)
train nn epochs=10 augment=shift:2 patience=3   # fresh random shifts each epoch; stop after 3 epochs without val_loss improving
evaluate nn on test                  # loss and accuracy
evaluate nn on test by=class         # per-class accuracy and the confusion matrix
predict cnn test[0]                  # class, confidence, top 3, and the image
predict nn cnn test[0..9]            # a table: truth, each model's class and confidence
mistakes cnn on test                 # the most confident errors, with images, truth and its probability
seed 42                              # makes initialisation, shuffling and random shifts repeatable
translate test corner=top-left as test_tl       # 38x38 zero canvas, image at the corner, resized back to 28x28 (bilinear)
translate test corner=bottom-right as test_br
translate test dx=3 dy=-2 as test_s             # whole-pixel shift, zero fill: dx>0 right, dy>0 down
translate test random=4 as test_r               # each image shifted by up to 4 pixels each way
translate test rotate=15 as test_rot            # also scale=0.8; bilinear, around the centre
evaluate cnn on test_tl
shiftmap nn cnn range=-6..6                     # accuracy of each model over a grid of shifts
compare nn cnn                                  # side by side: params, epochs, time, accuracy, translated accuracy
plot nn cnn                                     # training and validation accuracy per epoch, in the terminal
plot nn cnn to "history.svg"                     # .svg or .png
show filters cnn layer=1                        # the learned kernels
show activations cnn test[0] layer=2            # feature maps for one image
saliency cnn test[0]                            # input gradient of the predicted class, as an image
note "The CNN keeps two thirds of its accuracy."  # your own words, kept in the session and the report
report to "workshop.html"                       # the whole session as one self-contained web page
lessons                              # the lessons fm has: title, parts, minutes
lesson nn-vs-cnn                     # start (or resume) a guided lesson; fm checks each task as you type
lesson hint                          # also: lesson skip, lesson back, lesson stop; `lesson` shows the step again
answer B                             # answer a lesson's question
lesson "my-class.lesson"             # a lesson from a teacher's own file (format: docs/lessons.md)
sessions                             # every stored session
session workshop                     # switch to (or create) a session
forget test_s                        # remove a model or dataset from the session
export cnn to "cnn.safetensors"      # weights with the architecture in the file's metadata
import cnn2 from "cnn.safetensors"
import cnn3 from "torch.safetensors" like cnn   # a PyTorch state_dict into cnn's architecture
export cnn to "cnn.onnx"             # ONNX, runs in onnxruntime, opens in Netron
history                              # this session's successful statements
history to "rebuild.fm"              # ... as a script that rebuilds the session
run "other.fm"                       # run a script inside this session
help                                 # every statement, one line each
help train                           # its options, defaults and an example
quit
"""#

    func testEveryContractStatementParses() {
        let results = Parser.parse(SourceFile(name: "LANGUAGE.md", text: Self.contract))
        XCTAssertEqual(results.count, 74)
        for result in results {
            if case .failure(let diagnostic) = result { XCTFail(diagnostic.rendered()) }
        }
        let names = results.compactMap { try? $0.get().name }
        XCTAssertEqual(Set(names), Set(StatementTable.standard.statements.map(\.name)),
                       "the contract uses every statement of the table, and no other")
    }

    func testContractStatementsKeepTheirText() throws {
        let statements = Parser.parse(SourceFile(name: "LANGUAGE.md", text: Self.contract)).compactMap { try? $0.get() }
        let train = try XCTUnwrap(statements.first { $0.name == "train" })
        XCTAssertEqual(train.text, "train nn epochs=30 batch=32 validation=test stop_at=0.99 keep=best")
        XCTAssertEqual(train.option("stop_at")?.value.double, 0.99)
        XCTAssertEqual(train.option("keep")?.value.name, "best")
        let translate = try XCTUnwrap(statements.first { $0.text.hasPrefix("translate test dx=3") })
        XCTAssertEqual(translate.option("dy")?.value.int, -2)
        XCTAssertEqual(translate.arguments.map(\.text), ["test", "as", "test_s"])
    }
}
