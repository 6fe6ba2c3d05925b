#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot import C macros that contain casts, nor call variadic C functions.
// These inline functions give Swift a typed door to each.

/// SQLITE_TRANSIENT: SQLite copies the bound bytes before the bind call returns.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config for the boolean options (SQLITE_DBCONFIG_DEFENSIVE, _DQS_DML, ...).
/// Returns the SQLite result code; the option's new state is written to *state when not NULL.
static inline int csqlite_db_config_bool(sqlite3 *db, int option, int enabled, int *state) {
    return sqlite3_db_config(db, option, enabled, state);
}

#endif
