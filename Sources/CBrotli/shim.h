// Debian's libbrotli-dev: the encoder for `Content-Encoding: br`, the decoder for its tests.
#include <brotli/encode.h>
#include <brotli/decode.h>
