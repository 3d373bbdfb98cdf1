/*
 * Our own declarations of exactly the SQLite C API that SwitchboardStore calls.
 *
 * Why not <sqlite3.h>: the SQLite runtime (libsqlite3.so.0) ships with every Linux that runs Swift,
 * but its header and the unversioned libsqlite3.so symlink come only with the -dev package, which a
 * user's machine often lacks. These signatures are SQLite's stable C ABI (unchanged since 3.7); the
 * constants are the documented values. The module map links "-l:libsqlite3.so.0" directly.
 * Tests/SwitchboardStoreTests/CSQLiteHeaderTests.swift checks that no file of ours includes sqlite3.h.
 */
#ifndef CSQLITE_H
#define CSQLITE_H

#include <stdint.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef int64_t sqlite3_int64;
typedef void (*sqlite3_destructor_type)(void *);

/* Result codes (https://sqlite.org/rescode.html). */
#define SQLITE_OK 0
#define SQLITE_ERROR 1
#define SQLITE_PERM 3
#define SQLITE_BUSY 5
#define SQLITE_LOCKED 6
#define SQLITE_READONLY 8
#define SQLITE_IOERR 10
#define SQLITE_CORRUPT 11
#define SQLITE_FULL 13
#define SQLITE_CANTOPEN 14
#define SQLITE_CONSTRAINT 19
#define SQLITE_NOTADB 26
#define SQLITE_ROW 100
#define SQLITE_DONE 101

/* Flags for sqlite3_open_v2. */
#define SQLITE_OPEN_READONLY 0x00000001
#define SQLITE_OPEN_READWRITE 0x00000002
#define SQLITE_OPEN_CREATE 0x00000004
#define SQLITE_OPEN_NOMUTEX 0x00008000
#define SQLITE_OPEN_EXRESCODE 0x02000000

/* Flags for sqlite3_prepare_v3. */
#define SQLITE_PREPARE_PERSISTENT 0x01

/* Fundamental datatypes returned by sqlite3_column_type. */
#define SQLITE_INTEGER 1
#define SQLITE_FLOAT 2
#define SQLITE_TEXT 3
#define SQLITE_BLOB 4
#define SQLITE_NULL 5

int sqlite3_libversion_number(void);
const char *sqlite3_libversion(void);

int sqlite3_open_v2(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs);
int sqlite3_close_v2(sqlite3 *db);
int sqlite3_busy_timeout(sqlite3 *db, int ms);
int sqlite3_extended_result_codes(sqlite3 *db, int onoff);

int sqlite3_errcode(sqlite3 *db);
int sqlite3_extended_errcode(sqlite3 *db);
const char *sqlite3_errmsg(sqlite3 *db);
const char *sqlite3_errstr(int code);

int sqlite3_exec(sqlite3 *db, const char *sql, int (*callback)(void *, int, char **, char **), void *arg,
                 char **errmsg);
void sqlite3_free(void *p);
int sqlite3_changes(sqlite3 *db);
sqlite3_int64 sqlite3_last_insert_rowid(sqlite3 *db);
int sqlite3_get_autocommit(sqlite3 *db);

int sqlite3_prepare_v3(sqlite3 *db, const char *zSql, int nByte, unsigned int prepFlags, sqlite3_stmt **ppStmt,
                       const char **pzTail);
int sqlite3_step(sqlite3_stmt *stmt);
int sqlite3_reset(sqlite3_stmt *stmt);
int sqlite3_clear_bindings(sqlite3_stmt *stmt);
int sqlite3_finalize(sqlite3_stmt *stmt);
int sqlite3_bind_parameter_count(sqlite3_stmt *stmt);

int sqlite3_bind_null(sqlite3_stmt *stmt, int index);
int sqlite3_bind_int64(sqlite3_stmt *stmt, int index, sqlite3_int64 value);
int sqlite3_bind_double(sqlite3_stmt *stmt, int index, double value);
int sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *value, int n, sqlite3_destructor_type destructor);
int sqlite3_bind_blob(sqlite3_stmt *stmt, int index, const void *value, int n, sqlite3_destructor_type destructor);

int sqlite3_column_count(sqlite3_stmt *stmt);
int sqlite3_column_type(sqlite3_stmt *stmt, int column);
sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *stmt, int column);
double sqlite3_column_double(sqlite3_stmt *stmt, int column);
const unsigned char *sqlite3_column_text(sqlite3_stmt *stmt, int column);
const void *sqlite3_column_blob(sqlite3_stmt *stmt, int column);
int sqlite3_column_bytes(sqlite3_stmt *stmt, int column);

/* Process-wide settings (https://sqlite.org/c3ref/config.html), made before the first connection opens.
 * sqlite3_config is variadic, which Swift cannot call, hence the wrapper. SQLITE_CONFIG_MEMSTATUS off:
 * no allocation statistics, so no global mutex taken around every malloc and free of SQLite's. */
int sqlite3_config(int op, ...);
#define SQLITE_CONFIG_MEMSTATUS 9
#define SQLITE_MISUSE 21
static inline int csqlite_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}

/* Per-connection settings (https://sqlite.org/c3ref/db_config.html); variadic, hence the wrapper.
 * SQLITE_DBCONFIG_DEFENSIVE (on by default in some builds of SQLite) forbids writes to sqlite_schema,
 * which schema v5's in-place CHECK rewrite makes; a negative `on` reads the setting without changing it. */
int sqlite3_db_config(sqlite3 *db, int op, ...);
#define SQLITE_DBCONFIG_DEFENSIVE 1010
static inline int csqlite_db_config_defensive(sqlite3 *db, int on, int *current) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, current);
}

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: these make SQLite copy the bytes it is given. */
static inline int csqlite_bind_text_copy(sqlite3_stmt *stmt, int index, const char *value, int n) {
    return sqlite3_bind_text(stmt, index, value, n, (sqlite3_destructor_type)-1);
}
static inline int csqlite_bind_blob_copy(sqlite3_stmt *stmt, int index, const void *value, int n) {
    return sqlite3_bind_blob(stmt, index, value, n, (sqlite3_destructor_type)-1);
}

#endif
