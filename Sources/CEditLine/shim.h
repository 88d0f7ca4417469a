// libedit's native C API (Debian: libedit-dev).
#include <stdio.h>
#include <histedit.h>
