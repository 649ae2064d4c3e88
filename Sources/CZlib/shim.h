#ifndef SITEGEN_ZLIB_SHIM_H
#define SITEGEN_ZLIB_SHIM_H
#include <zlib.h>
#endif
