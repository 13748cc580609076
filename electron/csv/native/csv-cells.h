/* The CSV text builder shared by the SQL functions (csv-functions.c) and the cell rules (csv-cells.c). */
#ifndef AUDITLENS_CSV_CELLS_H
#define AUDITLENS_CSV_CELLS_H

#include "sqlite3ext.h"

/* The CSV being built. One per connection, reused by every call: a fresh multi-MiB buffer per
   block made glibc raise its mmap threshold and keep the freed ones (bench: +30 MiB worker RSS). */
typedef struct {
  unsigned char *p;
  sqlite3_int64 n;
  sqlite3_int64 cap;
  int failed; /* 1: out of memory, 2: rows out of order */
  /* Byte classes for the flags in `classes_for` (-1: none yet): 0 plain ASCII, 1 ASCII that
     makes the cell quoted, 2 the start of a multi-byte sequence. */
  int classes_for;
  unsigned char classes[256];
} Out;

/* Grows the buffer to hold `more` bytes past its end; 0 (and `failed` = 1) when memory ran out. */
int out_grow(Out *o, sqlite3_int64 more);

/* Makes room for `more` bytes; 0 once memory ran out. Inline: it runs for every cell. */
static inline int out_reserve(Out *o, sqlite3_int64 more) {
  if (!o->failed && o->n + more <= o->cap) return 1;
  return out_grow(o, more);
}

/* Appends one row of values as a CSV line with its line ending. flags: bit 0 safe mode, bit 1
   CRLF, bits 8-15 the delimiter byte. */
void csv_row(Out *o, int flags, int argc, sqlite3_value **argv);

#endif
