/// The `nn-vs-cnn` lesson (the blog experiment, docs/blog-experiment.md), compiled in. Parts
/// 1–4 here, 5–8 in NNvsCNNSecondHalf.swift; the lesson is the two texts joined.
let nnVsCNNLesson = nnVsCNNFirstHalf + nnVsCNNSecondHalf

private let nnVsCNNFirstHalf = #"""
lesson: A dense network against a convolutional one, on Fashion-MNIST
minutes: 75
description: The blog experiment as a lesson: build both networks, train them on all 60,000
  images, and find out which is more accurate, what each confuses, and which still
  recognises a garment that has moved. About 11 minutes of it is computing on 2 cores
  (the CNN's 15 epochs take 8 of them).

part: The data

step: Load Fashion-MNIST
text: 60,000 training and 10,000 test images, 28x28 grey, ten kinds of clothing.
task: load fashion-mnist
check: dataset train exists as images
after: `{images.name}` has {images.count} images; `test` is the other set.

step: Look at them
text: Always look at the data before training anything.
task: show train[0..11]
check: statement used show
after: Twelve garments with their classes. Shirts, T-shirts, pullovers and coats look alike
  even to us; watch for them later.

part: The two networks

step: The dense network (NN)
text: Every pixel is wired to each of 256 units, twice, then to ten outputs.
task: model nn input=28x28
  add flatten
  add dense 256 relu
  add dense 256 relu
  add dense 10 softmax
check: model with flatten, dense 256, dense 256, dense 10 as nn
hint: Five statements, one per line; `pop` removes a layer you added by mistake.
after: `{nn.name}` has {nn.params} parameters.

step: The convolutional network (CNN)
text: Small 3x3 filters slide over the whole picture; pooling halves the size twice;
  global average pooling leaves one number per filter.
task: model cnn input=28x28x1
  add conv2d 64 3x3 same relu
  add maxpool 2x2
  add conv2d 128 3x3 same relu
  add maxpool 2x2
  add conv2d 128 3x3 same relu
  add globalavgpool
  add dense 10 softmax
check: model with conv2d 64, maxpool, conv2d 128, maxpool, conv2d 128, globalavgpool, dense 10 as cnn
after: `{cnn.name}` has {cnn.params} parameters.

step: Parameters against arithmetic
text: A parameter is a number the network learns; FLOPs count the arithmetic for one image.
task: summary {nn.name} flops=true
  summary {cnn.name} flops=true
check: summary ran with cnn
question: Which network does more arithmetic per image?
choice A: The NN: it has more parameters
choice B: The CNN: each filter is used at every position of the picture
choice C: About the same
answer: B
explain: Your CNN has {cnn.params} parameters, {percent fewer cnn.params nn.params} fewer than
  the NN, and does {ratio cnn.flops nn.flops} times its arithmetic per image
  ({cnn.flops} FLOPs against {nn.flops}).

part: Training and convergence

step: Train the NN
text: Thirty passes (epochs) over the 60,000 images, testing on `test` after each one.
  About 30 seconds.
task: train {nn.name} epochs=30 validation=test stop_at=0.99 keep=best
check: trained nn epochs>=5 validated
hint: `validation=test` is what gives the curves their second line.
after: {nn.name} trained {nn.epochs} epochs.

step: Train the CNN
text: Each CNN epoch takes about 30 seconds on 2 cores: 15 epochs are about 8 minutes.
  The progress bar shows each epoch; Ctrl-C stops early and keeps what was learned.
task: train {cnn.name} epochs=15 validation=test keep=best
check: trained cnn epochs>=3 validated
after: {cnn.name} trained {cnn.epochs} epochs.

step: Compare the curves
text: Solid lines are training accuracy, dashed lines accuracy on the test set.
task: plot {nn.name} {cnn.name}
check: statement used plot
question: The NN's training accuracy keeps rising while its test accuracy stalls. What is that?
choice A: Overfitting: it learns the training images rather than garments
choice B: A bug in the plot
choice C: The learning rate is too low
answer: A
explain: The gap between the two lines is what the network memorised; `keep=best` kept the
  epoch with the lowest test loss.

part: Evaluation and what each confuses

step: Evaluate the NN, class by class
text: Rows are the truth, columns what the network said.
task: evaluate {nn.name} on test by=class
check: evaluated nn on test by class
after: The NN is right on {nn.accuracy on test} of the test images.

step: Evaluate the CNN, class by class
task: evaluate {cnn.name} on test by=class
check: evaluated cnn on test by class
question: Which class do both networks get wrong most often?
choice A: Trouser
choice B: Bag
choice C: Shirt
answer: C
explain: Shirts are taken for T-shirts, pullovers and coats: the classes that look alike.
after: The CNN is right on {cnn.accuracy on test}, {points cnn.accuracy on test nn.accuracy on test}
  points more than the NN's {nn.accuracy on test}.
"""#
