// zlib (Debian: zlib1g-dev): gzip reading for IDX files, deflate for PNG.
#include <zlib.h>
