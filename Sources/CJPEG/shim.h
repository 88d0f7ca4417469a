// libjpeg-turbo's TurboJPEG API (Debian: libturbojpeg0-dev): JPEG decoding for `load image`.
// Chosen over libjpeg's own API because every TurboJPEG call returns an error code instead of
// calling the error manager's exit(), so Swift needs no setjmp/longjmp shim.
#include <turbojpeg.h>
