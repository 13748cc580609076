/*
 * The SQLite functions of our CSV extension. Both write exactly the bytes our JS row formatter
 * (electron/csv/csv-format.ts, time mode "stored") writes for the same values; the cell rules
 * are in csv-cells.c. flags: bit 0 safe mode, bit 1 CRLF line endings, bits 8-15 the delimiter.
 *
 * Why they exist: handing rows to JS through better-sqlite3 costs more than the sqlite3 shell's
 * whole export (bench: 3.3 s per 1M rows vs 2.9 s).
 *
 * auditlens_csv(flags, rowid, v1, ..., vN), an aggregate: every row it is given as one CSV line,
 * all in one BLOB, so the export threads get one value per block of rows. The rowid is not
 * written: it must grow from row to row, else the call fails with "auditlens_csv: rows out of
 * order" (SQLite does not promise the order in which an aggregate sees its rows; the caller then
 * asks for them with ORDER BY).
 *
 * auditlens_csv_row(flags, v1, ..., vN), a scalar: one row's CSV line as a BLOB, for exports in
 * another order than the rowid's, where rows must come one by one in the query's order.
 */
#include <string.h>

#include "csv-cells.h"
SQLITE_EXTENSION_INIT1

/* Per call: whether a row was seen, and the last rowid. */
typedef struct {
  int started;
  sqlite3_int64 last;
} Call;

static void csv_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Call *call = sqlite3_aggregate_context(ctx, sizeof(Call));
  Out *o = sqlite3_user_data(ctx);
  if (!call) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!call->started) {
    o->n = 0;
    o->failed = 0;
  }
  if (argc < 3) {
    sqlite3_result_error(ctx, "auditlens_csv: needs flags, rowid and at least one value", -1);
    return;
  }
  int flags = sqlite3_value_int(argv[0]);
  sqlite3_int64 rowid = sqlite3_value_int64(argv[1]);
  if (call->started && rowid <= call->last) {
    o->failed = 2;
  }
  call->started = 1;
  call->last = rowid;
  csv_row(o, flags, argc - 2, argv + 2);
}

static void csv_final(sqlite3_context *ctx) {
  Call *call = sqlite3_aggregate_context(ctx, 0);
  Out *o = sqlite3_user_data(ctx);
  if (!call || !call->started) {
    sqlite3_result_zeroblob(ctx, 0);
    return;
  }
  if (o->failed) {
    sqlite3_result_error(ctx, o->failed == 2 ? "auditlens_csv: rows out of order" : "auditlens_csv: out of memory", -1);
    return;
  }
  /* Static: the caller copies the result before its next call on this connection can reuse the buffer. */
  sqlite3_result_blob64(ctx, o->p, (sqlite3_uint64)o->n, SQLITE_STATIC);
}

static void row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Out *o = sqlite3_user_data(ctx);
  if (argc < 2) {
    sqlite3_result_error(ctx, "auditlens_csv_row: needs flags and at least one value", -1);
    return;
  }
  o->n = 0;
  o->failed = 0;
  csv_row(o, sqlite3_value_int(argv[0]), argc - 1, argv + 1);
  if (o->failed) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  /* Transient: SQLite copies the line, so the buffer is free for the next row at once. */
  sqlite3_result_text64(ctx, (const char *)o->p, (sqlite3_uint64)o->n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void out_free(void *p) {
  Out *o = p;
  sqlite3_free(o->p);
  sqlite3_free(o);
}

/* The one exported symbol: the library is built with hidden visibility, so calls inside it skip the PLT. */
#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_auditlenscsv_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  (void)err;
  SQLITE_EXTENSION_INIT2(api);
  const int how = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
  Out *blocks = sqlite3_malloc(sizeof(Out));
  Out *row = sqlite3_malloc(sizeof(Out));
  if (!blocks || !row) {
    sqlite3_free(blocks);
    sqlite3_free(row);
    return SQLITE_NOMEM;
  }
  memset(blocks, 0, sizeof(Out));
  memset(row, 0, sizeof(Out));
  blocks->classes_for = -1;
  row->classes_for = -1;
  /* On failure SQLite calls out_free itself. */
  int rc = sqlite3_create_function_v2(db, "auditlens_csv", -1, how, blocks, NULL, csv_step, csv_final, out_free);
  if (rc != SQLITE_OK) {
    sqlite3_free(row);
    return rc;
  }
  return sqlite3_create_function_v2(db, "auditlens_csv_row", -1, how, row, row_func, NULL, NULL, out_free);
}
