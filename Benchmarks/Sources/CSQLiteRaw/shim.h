#ifndef CSQLITERAW_SHIM_H
#define CSQLITERAW_SHIM_H

// The session extension (changesets) is compiled into Debian's libsqlite3, but sqlite3.h
// declares its API only when these are defined before it is included.
#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif

#include <sqlite3.h>

/// SQLITE_TRANSIENT, which Swift cannot import (a macro with a cast).
static inline sqlite3_destructor_type raw_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config(SQLITE_DBCONFIG_ENABLE_TRIGGER, …), which Swift cannot call (variadic):
/// the sync workload's bare floor applies a changeset with the schema's triggers off.
static inline int raw_enable_triggers(sqlite3 *db, int enabled) {
    int state = -1;
    int code = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled, &state);
    return code == SQLITE_OK ? state : -1;
}

#endif
