// mimalloc (Debian's libmimalloc-dev): linked into the sitegen executable, it replaces the C
// library's malloc for the whole process. See Sources/sitegen/Allocator.swift.
#include <mimalloc.h>
