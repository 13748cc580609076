/*
 * CSV cells in C, with exactly the rules of our JS row formatter (electron/export/csv-format.ts,
 * time mode "stored"): RFC 4180 quoting, safe mode's formula rule, NULL as an empty field, 64-bit
 * integers, REALs printed as JavaScript prints them, blobs as \x hex, and invalid UTF-8 replaced
 * as V8 replaces it. test/unit/export/csv-native.test.ts holds the two to the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-cells.h"
SQLITE_EXTENSION_INIT3

int out_reserve(Out *o, sqlite3_int64 more) {
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
  if (!out_reserve(o, len)) return;
  memcpy(o->p + o->n, s, (size_t)len);
  o->n += len;
}

static void put1(Out *o, unsigned char c) {
  if (!out_reserve(o, 1)) return;
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
  if (!out_reserve(o, 2 + 2 * n)) return;
  o->p[o->n++] = '\\';
  o->p[o->n++] = 'x';
  for (sqlite3_int64 i = 0; i < n; i++) {
    o->p[o->n++] = hex[b[i] >> 4];
    o->p[o->n++] = hex[b[i] & 15];
  }
}

/* Appends one row of values as a CSV line, with its line ending. */
void csv_row(Out *o, int flags, int argc, sqlite3_value **argv) {
  int safe = flags & 1;
  unsigned char delim = (unsigned char)((flags >> 8) & 0xFF);
  for (int i = 0; i < argc; i++) {
    if (i > 0) put1(o, delim);
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
