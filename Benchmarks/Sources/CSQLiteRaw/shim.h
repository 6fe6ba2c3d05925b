#ifndef CSQLITERAW_SHIM_H
#define CSQLITERAW_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT, which Swift cannot import (a macro with a cast).
static inline sqlite3_destructor_type raw_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
