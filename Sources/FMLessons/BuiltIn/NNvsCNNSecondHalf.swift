/// Parts 5–8 of the `nn-vs-cnn` lesson (see NNvsCNN.swift).
let nnVsCNNSecondHalf = #"""

part: Moved garments and the shiftmap

step: Move the garments into a corner
text: The blog's test: each image on a 38x38 canvas in the top-left corner, resized back to
  28x28. Same garments, somewhere else.
task: translate test corner=top-left as test_tl
  show test_tl[0..11]
check: dataset translated exists as moved
after: `{moved.name}`: {moved.count} moved garments.

step: Which network still recognises them?
task: evaluate {nn.name} {cnn.name} on {moved.name}
check: evaluated nn on moved
check: evaluated cnn on moved
after: In the corner the NN gets {nn.accuracy on moved} (it had {nn.accuracy on test}), the
  CNN {cnn.accuracy on moved} (it had {cnn.accuracy on test}).

step: Every shift at once
text: The shiftmap moves the test images by every shift from -6 to 6 pixels each way and
  draws each model's accuracy as a heat map. About 40 seconds.
task: shiftmap {nn.name} {cnn.name} range=-6..6
check: shiftmap ran with nn, cnn
question: Why does the CNN's bright area reach further from the centre?
choice A: It was trained on shifted images
choice B: Its filters look for the same pattern everywhere, and global pooling forgets where
choice C: It has more parameters
answer: B
explain: Convolution shares each filter across positions and global average pooling drops
  the position; the NN has one weight per pixel, so a moved garment meets other weights.

part: What the CNN learned

step: The first layer's filters
text: The 64 learned 3x3 kernels: light is a positive weight, dark a negative one.
task: show filters {cnn.name} layer=1
check: filters ran with cnn
after: Many are edge detectors: light on one side, dark on the other.

step: What one layer makes of a garment
task: show activations {cnn.name} test[0] layer=1
check: activations ran with cnn
after: Each small picture is one filter's answer at every position of the ankle boot.

step: Which pixels decide
text: Saliency: how much each pixel moves the probability of the class the network chose.
task: saliency {cnn.name} test[0]
check: saliency ran with cnn
after: The bright pixels are the ones the answer depends on.

part: Can augmentation rescue the dense network?

step: A second dense network, trained on shifted images
text: The same architecture, but every epoch sees each image shifted by up to 2 pixels.
  About 20 seconds.
task: model nn_aug input=28x28
  add flatten
  add dense 256 relu
  add dense 256 relu
  add dense 10 softmax
  train nn_aug epochs=15 validation=test augment=shift:2
check: model with flatten, dense 256, dense 256, dense 10 as aug
check: trained aug epochs>=3 augmented
hint: A new name for the model matters: the lesson compares it with {nn.name}.

step: Did it help?
task: evaluate {aug.name} on test
  evaluate {aug.name} on {moved.name}
check: evaluated aug on moved
question: What did augmentation by 2 pixels do for the garments in the corner?
choice A: It made the dense network as robust as the CNN
choice B: It helped a little; the corner is a larger move than 2 pixels
choice C: Nothing at all
answer: B
explain: Your augmented NN gets {aug.accuracy on moved} in the corner, against
  {nn.accuracy on moved} without augmentation and {cnn.accuracy on moved} for the CNN.

part: Saving and sharing

step: Save the CNN
text: The weights, with the architecture in the file; PyTorch and Keras can read it.
task: export {cnn.name} to "cnn.safetensors"
check: statement used export
after: `import cnn2 from "cnn.safetensors"` reads it back; `.onnx` writes ONNX instead.

step: Write a note
text: Your own words go into the session and the report.
task: note "The CNN keeps {cnn.accuracy on moved} on moved garments, the NN {nn.accuracy on moved}."
check: statement used note

step: The report
text: One web page with everything this session did: data, models, curves, evaluations,
  the shiftmap, filters, your note and the statements.
task: report to "nn-vs-cnn.html"
check: report written
after: Open nn-vs-cnn.html in a browser. `history to "nn-vs-cnn.fm"` writes the statements
  as a script that does it all again.
"""#
