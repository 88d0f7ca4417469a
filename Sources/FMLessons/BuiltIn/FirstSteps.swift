/// The `first-steps` lesson, compiled in (see `LessonLibrary` for why).
let firstStepsLesson = #"""
lesson: First steps at the fm prompt
minutes: 10
description: For people who have never typed at a prompt: a statement, help, Tab,
  history, an error and how to read it, and how to leave.

part: Typing at the prompt

step: Your first statement
text: The prompt is where fm waits for you. You type one statement, press Enter,
  and fm answers. Nothing you type can break anything: a mistake only gets a message.
task: help
check: typed help
after: That is every statement fm knows, one line each.

step: Help for one statement
text: `help` followed by a statement's name shows its options, their defaults and an example.
task: help load
check: typed help
after: Every statement has such a page; `help train` is a long one.

step: Let Tab finish the word
text: You rarely need to type a whole name. Type the first letters and press Tab:
  fm completes the name, or shows what it could be.
task: type `data`, press Tab (it becomes `datasets`), then press Enter
check: typed datasets
hint: Press the Tab key once after `data`; if nothing happens, type `datasets` in full.
after: There are no datasets yet; the next step loads some.

step: Load the pictures
text: Fashion-MNIST is 70,000 small grey pictures of clothing, ten kinds.
task: load fashion-mnist
check: dataset train exists as pictures
after: You now have {pictures.count} training pictures in `{pictures.name}`, and a test set.

part: Mistakes and history

step: Make a mistake on purpose
text: Everyone mistypes. Type this, with `test` misspelt as `tset`, and read what fm says.
task: show tset[0]
check: error shown
hint: Type exactly `show tset[0]` and press Enter.
after: The message starts with `<prompt>:1:6:` — where the mistake is: line 1, column 6
  (at a prompt there is only line 1). Then the line itself, and a `^` under the mistake.
  Scripts report errors the same way, with the file's name instead of `<prompt>`.

step: Read an error
text: An error says where and what.
task: answer the question below
question: In `<prompt>:1:6: error: no dataset `tset``, what is 6?
choice A: The sixth statement you typed
choice B: The column where the mistake starts
choice C: An error number to look up
answer: B
explain: Column 6 is where `tset` starts, under the `^`.

step: Fix it
text: Press the Up arrow: your last line comes back. Change `tset` to `test` and press Enter.
task: show test[0]
check: typed show
hint: Up arrow, then Left arrow to move back, Backspace to delete, type, Enter.
after: That is an ankle boot, 28 by 28 pixels.

step: Your history
text: fm remembers what you typed, in this session and the next time you start it.
task: history
check: typed history
after: Up and Down walk through it at the prompt. To leave fm, type `quit`; your session is
  kept, and `lesson nn-vs-cnn` is the next lesson.
"""#
