#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

// The session extension (changesets) is compiled into Debian's libsqlite3, but sqlite3.h
// declares its API only when these are defined before it is included.
#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

// Swift cannot import C macros that contain casts, nor call variadic C functions.
// These inline functions give Swift a typed door to each, and hold the one callback
// (the busy handler) that is simplest in C.

/// SQLITE_TRANSIENT: SQLite copies the bound bytes before the bind call returns.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config for the boolean options (SQLITE_DBCONFIG_DEFENSIVE, _DQS_DML, ...).
/// Returns the SQLite result code; the option's new state is written to *state when not NULL.
static inline int csqlite_db_config_bool(sqlite3 *db, int option, int enabled, int *state) {
    return sqlite3_db_config(db, option, enabled, state);
}

/// The wrapper's busy handler: try again every millisecond until `context` (the timeout in
/// milliseconds, stored as the pointer's value) has passed since the first try of this wait.
///
/// SQLite's own handler (sqlite3_busy_timeout) sleeps 1, 2, 5, 10, ... and then 100 ms between
/// tries, so after a third of a second a waiter looks for a free lock ten times a second. A
/// writer that commits and begins again within a few milliseconds (an import's next batch, a
/// payment feed) then keeps the lock, and the waiter fails with "database is locked" though no
/// transaction ever held the lock that long. A failed try costs a few microseconds.
///
/// The time is real (CLOCK_MONOTONIC), not the sum of the sleeps asked for. One wait is one
/// run of calls on one thread, a millisecond apart, so its start can live in a thread-local
/// and no state hangs off the connection (which a statement may outlive). A wait begins when
/// `tries` is 0, or when the last call is long past: SQLite does not reset the count before
/// every lock it may wait for (schema reads while preparing), so the count alone can be stale.
static inline long long csqlite_milliseconds(struct timespec t) {
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline int csqlite_busy_poll(void *context, int tries) {
    static _Thread_local long long started, last;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long milliseconds = csqlite_milliseconds(now);
    if (tries == 0 || milliseconds - last > 100) started = milliseconds;
    last = milliseconds;
    if (milliseconds - started >= (long long)(intptr_t)context) return 0;
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
    return 1;
}

/// Installs csqlite_busy_poll with a timeout in milliseconds; 0 removes any busy handler (a
/// locked database fails at once).
static inline int csqlite_set_busy_timeout(sqlite3 *db, int milliseconds) {
    if (milliseconds <= 0) return sqlite3_busy_handler(db, NULL, NULL);
    return sqlite3_busy_handler(db, csqlite_busy_poll, (void *)(intptr_t)milliseconds);
}

#endif
