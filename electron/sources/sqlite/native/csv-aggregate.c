/*
 * auditlens_csv(flags, v1, ..., vN): an SQLite aggregate that formats each row it is given as one
 * CSV line and returns all of them as one BLOB, with the exact bytes our JS row formatter
 * (electron/export/csv-format.ts, time mode "stored") writes for the same values.
 *
 * Why it exists: handing rows to JS through better-sqlite3 costs more than the sqlite3 shell's whole
 * export (bench: 3.3 s per 1M rows vs 2.9 s), so the export threads ask SQLite for one blob per
 * block of rows instead. The differential test (test/unit/export/csv-native.test.ts) holds this
 * file to the JS formatter on random values: text with invalid UTF-8, formula starts, separators,
 * integers at the 64-bit edges, and doubles printed the way JavaScript prints them.
 *
 * Called as auditlens_csv(flags, rowid, v1, ..., vN). flags: bit 0 safe mode, bit 1 CRLF line
 * endings, bits 8-15 the delimiter byte. The rowid is not written: it must grow from row to row,
 * else the call fails with "auditlens_csv: rows out of order" (SQLite does not promise the order
 * in which an aggregate sees its rows; the caller then asks for them with ORDER BY).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

/* The CSV being built. One per connection, reused by every call: a fresh multi-MiB buffer per
   block made glibc raise its mmap threshold and keep the freed ones (bench: +30 MiB worker RSS). */
typedef struct {
  unsigned char *p;
  sqlite3_int64 n;
  sqlite3_int64 cap;
  int failed; /* 1: out of memory, 2: rows out of order */
} Out;

/* Per call: whether a row was seen, and the last rowid. */
typedef struct {
  int started;
  sqlite3_int64 last;
} Call;

static int reserve(Out *o, sqlite3_int64 more) {
  if (o->failed) return 0;
  if (o->n + more <= o->cap) return 1;
  sqlite3_int64 cap = o->cap ? o->cap : (1 << 16);
  while (cap < o->n + more) cap *= 2;
  unsigned char *p = sqlite3_realloc64(o->p, (sqlite3_uint64)cap);
  if (!p) {
    o->failed = 1;
    return 0;
  }
  o->p = p;
  o->cap = cap;
  return 1;
}

static void put(Out *o, const void *s, sqlite3_int64 len) {
  if (!reserve(o, len)) return;
  memcpy(o->p + o->n, s, (size_t)len);
  o->n += len;
}

static void put1(Out *o, unsigned char c) {
  if (!reserve(o, 1)) return;
  o->p[o->n++] = c;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 where a JS decoder would write U+FFFD. */
static int utf8_len(const unsigned char *s, sqlite3_int64 left, sqlite3_int64 *bad) {
  unsigned char b = s[0];
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) need = 1;
  else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  /* WHATWG "maximal subpart": a broken sequence costs one U+FFFD for the bytes that still fit. */
  sqlite3_int64 i = 1;
  for (; i <= need; i++) {
    if (i >= left || s[i] < lo || s[i] > hi) {
      *bad = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

/* True when the first character is one spreadsheets start formulas with (csv-format.ts startsFormula). */
static int starts_formula(const unsigned char *s, sqlite3_int64 n) {
  unsigned char c = s[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == 0) return 1;
  /* Full-width = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
  return n >= 3 && c == 0xEF && s[1] == 0xBC && (s[2] == 0x9D || s[2] == 0x8B || s[2] == 0x8D || s[2] == 0xA0);
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ */
static int plain_number(const unsigned char *s, sqlite3_int64 n) {
  sqlite3_int64 i = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  sqlite3_int64 intDigits = 0, fracDigits = 0;
  while (i < n && is_digit(s[i])) i++, intDigits++;
  if (intDigits > 0) {
    if (i < n && s[i] == '.') {
      i++;
      while (i < n && is_digit(s[i])) i++;
    }
  } else {
    if (i >= n || s[i] != '.') return 0;
    i++;
    while (i < n && is_digit(s[i])) i++, fracDigits++;
    if (fracDigits == 0) return 0;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    sqlite3_int64 expDigits = 0;
    while (i < n && is_digit(s[i])) i++, expDigits++;
    if (expDigits == 0) return 0;
  }
  return i == n;
}

static void put_text(Out *o, const unsigned char *s, sqlite3_int64 n, int safe, unsigned char delim) {
  if (n == 0) {
    put(o, "\"\"", 2);
    return;
  }
  /* One pass: is it valid UTF-8 (else rewrite it as JS would), and does it need quotes? */
  int quote = 0, valid = 1;
  for (sqlite3_int64 i = 0; i < n;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == '"' || c == '\r' || c == '\n' || c == delim || (safe && (c == ',' || c == ';' || c == '\t'))) quote = 1;
      i++;
      continue;
    }
    sqlite3_int64 bad = 0;
    int len = utf8_len(s + i, n - i, &bad);
    if (len == 0) {
      valid = 0;
      i += bad;
    } else {
      i += len;
    }
  }
  int prefix = safe && starts_formula(s, n) && !plain_number(s, n);
  if (quote) put1(o, '"');
  if (prefix) put1(o, '\'');
  if (valid && !quote) {
    put(o, s, n);
  } else {
    for (sqlite3_int64 i = 0; i < n;) {
      unsigned char c = s[i];
      if (c < 0x80) {
        if (c == '"') put1(o, '"');
        put1(o, c);
        i++;
        continue;
      }
      sqlite3_int64 bad = 0;
      int len = utf8_len(s + i, n - i, &bad);
      if (len == 0) {
        put(o, "\xEF\xBF\xBD", 3);
        i += bad;
      } else {
        put(o, s + i, len);
        i += len;
      }
    }
  }
  if (quote) put1(o, '"');
}

static void put_int(Out *o, sqlite3_int64 v) {
  char buf[24];
  int len = snprintf(buf, sizeof buf, "%lld", (long long)v);
  put(o, buf, len);
}

/* Number.prototype.toString() of a double: the shortest digits that read back, laid out as ECMA-262 says. */
static void put_double(Out *o, double v) {
  if (isnan(v)) {
    put(o, "NaN", 3);
    return;
  }
  if (v == 0) {
    put1(o, '0');
    return;
  }
  if (isinf(v)) {
    if (v < 0) put1(o, '-');
    put(o, "Infinity", 8);
    return;
  }
  char buf[40];
  int p;
  /* 15 digits that read back are the shortest too for normal doubles (their spacing is finer than
     the 15-digit grid's); subnormals have fewer bits, so they search from one digit up. */
  for (p = fabs(v) < 2.2250738585072014e-308 ? 1 : 15; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (strtod(buf, NULL) == v) break;
  }
  /* buf is [-]d.ddddde[+-]xx: gather the digits without trailing zeros, and the exponent. */
  char digits[20];
  int k = 0;
  const char *c = buf;
  if (*c == '-') {
    put1(o, '-');
    c++;
  }
  for (; *c && *c != 'e'; c++) {
    if (*c != '.') digits[k++] = *c;
  }
  int e = atoi(c + 1);
  while (k > 1 && digits[k - 1] == '0') k--;
  int n = e + 1;
  char text[48];
  int t = 0;
  if (k <= n && n <= 21) {
    memcpy(text, digits, k);
    t = k;
    while (t < n) text[t++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(text, digits, n);
    t = n;
    text[t++] = '.';
    memcpy(text + t, digits + n, k - n);
    t += k - n;
  } else if (-6 < n && n <= 0) {
    text[t++] = '0';
    text[t++] = '.';
    for (int z = 0; z < -n; z++) text[t++] = '0';
    memcpy(text + t, digits, k);
    t += k;
  } else {
    text[t++] = digits[0];
    if (k > 1) {
      text[t++] = '.';
      memcpy(text + t, digits + 1, k - 1);
      t += k - 1;
    }
    t += snprintf(text + t, sizeof text - t, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
  }
  put(o, text, t);
}

static void put_blob(Out *o, const unsigned char *b, sqlite3_int64 n) {
  static const char hex[] = "0123456789abcdef";
  if (!reserve(o, 2 + 2 * n)) return;
  o->p[o->n++] = '\\';
  o->p[o->n++] = 'x';
  for (sqlite3_int64 i = 0; i < n; i++) {
    o->p[o->n++] = hex[b[i] >> 4];
    o->p[o->n++] = hex[b[i] & 15];
  }
}

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
  int safe = flags & 1;
  unsigned char delim = (unsigned char)((flags >> 8) & 0xFF);
  sqlite3_int64 rowid = sqlite3_value_int64(argv[1]);
  if (call->started && rowid <= call->last) {
    o->failed = 2;
  }
  call->started = 1;
  call->last = rowid;
  for (int i = 2; i < argc; i++) {
    if (i > 2) put1(o, delim);
    sqlite3_value *v = argv[i];
    switch (sqlite3_value_type(v)) {
      case SQLITE_NULL:
        break;
      case SQLITE_INTEGER:
        put_int(o, sqlite3_value_int64(v));
        break;
      case SQLITE_FLOAT:
        put_double(o, sqlite3_value_double(v));
        break;
      case SQLITE_BLOB: {
        const unsigned char *b = sqlite3_value_blob(v);
        put_blob(o, b, sqlite3_value_bytes(v));
        break;
      }
      default: {
        const unsigned char *s = sqlite3_value_text(v);
        sqlite3_int64 n = sqlite3_value_bytes(v);
        put_text(o, s ? s : (const unsigned char *)"", s ? n : 0, safe, delim);
        break;
      }
    }
  }
  if (flags & 2) put1(o, '\r');
  put1(o, '\n');
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

static void out_free(void *p) {
  Out *o = p;
  sqlite3_free(o->p);
  sqlite3_free(o);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_auditlenscsv_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  (void)err;
  SQLITE_EXTENSION_INIT2(api);
  Out *o = sqlite3_malloc(sizeof(Out));
  if (!o) return SQLITE_NOMEM;
  memset(o, 0, sizeof(Out));
  /* On failure SQLite calls out_free itself. */
  return sqlite3_create_function_v2(db, "auditlens_csv", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, o, NULL,
                                    csv_step, csv_final, out_free);
}
