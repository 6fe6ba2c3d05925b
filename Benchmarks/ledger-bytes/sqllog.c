// LD_PRELOAD shim: appends the text of every statement prepared (sqlite3_prepare_v2/v3), once
// per distinct text and process, one line each, to the file named by $SQLLOG. Used to plan
// every ledger query before and after an index change (plans.py).
// cc -shared -fPIC -O2 -o sqllog.so sqllog.c -ldl -lpthread
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
typedef struct sqlite3 sqlite3; typedef struct sqlite3_stmt sqlite3_stmt;
#include <stdint.h>
#include <pthread.h>
static uint64_t seen[1 << 20];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void logsql(const char *sql, int n) {
  static int fd = -1;
  size_t l0 = n < 0 ? strlen(sql) : (size_t)n;
  uint64_t h = 1469598103934665603ULL; for (size_t i = 0; i < l0; i++) { h ^= (unsigned char)sql[i]; h *= 1099511628211ULL; }
  if (!h) h = 1;
  pthread_mutex_lock(&mu);
  size_t k = h & ((1 << 20) - 1); int dup = 0;
  for (int probe = 0; probe < 64; probe++, k = (k + 1) & ((1 << 20) - 1)) { if (seen[k] == h) { dup = 1; break; } if (!seen[k]) { seen[k] = h; break; } }
  pthread_mutex_unlock(&mu);
  if (dup) return;
  if (fd < 0) { const char *p = getenv("SQLLOG"); if (!p) return; fd = open(p, O_WRONLY|O_CREAT|O_APPEND, 0644); if (fd < 0) return; }
  size_t len = n < 0 ? strlen(sql) : (size_t)n;
  char *buf = malloc(len + 2); if (!buf) return;
  for (size_t i = 0; i < len; i++) buf[i] = (sql[i] == '\n' || sql[i] == '\r') ? ' ' : sql[i];
  buf[len] = '\n'; write(fd, buf, len + 1); free(buf);
}
int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st, const char **tail) {
  static int (*real)(sqlite3*, const char*, int, sqlite3_stmt**, const char**);
  if (!real) real = dlsym(RTLD_NEXT, "sqlite3_prepare_v2");
  int rc = real(db, sql, n, st, tail);
  if (rc == 0 && sql) logsql(sql, tail && *tail ? (int)(*tail - sql) : n);
  return rc;
}
int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned f, sqlite3_stmt **st, const char **tail) {
  static int (*real)(sqlite3*, const char*, int, unsigned, sqlite3_stmt**, const char**);
  if (!real) real = dlsym(RTLD_NEXT, "sqlite3_prepare_v3");
  int rc = real(db, sql, n, f, st, tail);
  if (rc == 0 && sql) logsql(sql, tail && *tail ? (int)(*tail - sql) : n);
  return rc;
}
