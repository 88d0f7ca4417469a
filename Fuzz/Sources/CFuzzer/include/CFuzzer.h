// libFuzzer's driver, called from each target's entry point (SwiftPM names an executable's
// `main` after its target, so libFuzzer's own `main` is not the one linked).
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
