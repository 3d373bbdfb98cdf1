/* Placeholder: replaced by the store's own declarations of the SQLite functions it calls. */
#ifndef CSQLITE_H
#define CSQLITE_H
int sqlite3_libversion_number(void);
#endif
