/*
 * CSV cells in C, with exactly the rules of our JS row formatter (electron/csv/csv-format.ts,
 * time mode "stored"): RFC 4180 quoting, safe mode's rules (stated in JS in electron/csv/safe-mode.ts;
 * starts_formula, plain_number and byte_classes are their C form), NULL as an empty field, 64-bit
 * integers, REALs printed as JavaScript prints them, blobs as \x hex, and invalid UTF-8 replaced
 * as V8 replaces it. test/unit/csv/csv-native.test.ts holds the two to the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv-cells.h"
SQLITE_EXTENSION_INIT3

int out_grow(Out *o, sqlite3_int64 more) {
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

/* True when the first character is one spreadsheets start formulas with (safe-mode.ts FORMULA_STARTS). */
static int starts_formula(const unsigned char *s, sqlite3_int64 n) {
  unsigned char c = s[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == 0) return 1;
  /* Full-width = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
  return n >= 3 && c == 0xEF && s[1] == 0xBC && (s[2] == 0x9D || s[2] == 0x8B || s[2] == 0x8D || s[2] == 0xA0);
}

/* safe-mode.ts INVISIBLE_STARTS: the bytes of one leading invisible character at s (0 when none):
   U+FEFF, U+200B, U+200C, U+200D, U+2060, U+180E. */
static sqlite3_int64 invisible_len(const unsigned char *s, sqlite3_int64 n) {
  if (n < 3) return 0;
  if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return 3;
  if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0x8C || s[2] == 0x8D)) return 3;
  if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) return 3;
  if (s[0] == 0xE1 && s[1] == 0xA0 && s[2] == 0x8E) return 3;
  return 0;
}

/* Bytes of the leading invisible characters of s, which safe mode looks past. */
static sqlite3_int64 invisible_prefix(const unsigned char *s, sqlite3_int64 n) {
  sqlite3_int64 i = 0, k;
  while ((k = invisible_len(s + i, n - i)) > 0) i += k;
  return i;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* safe-mode.ts PLAIN_NUMBER: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ */
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

/* The byte classes of Out for these flags (quoting: safe-mode.ts quoteTrigger): one table lookup per byte in put_text's scan. */
static const unsigned char *byte_classes(Out *o, int flags) {
  if (o->classes_for != flags) {
    int safe = flags & 1;
    unsigned char delim = (unsigned char)((flags >> 8) & 0xFF);
    for (int c = 0; c < 256; c++) {
      int quote = c == '"' || c == '\r' || c == '\n' || c == delim || (safe && (c == ',' || c == ';' || c == '\t'));
      o->classes[c] = c >= 0x80 ? 2 : quote ? 1 : 0;
    }
    o->classes_for = flags;
  }
  return o->classes;
}

static void put_text(Out *o, const unsigned char *s, sqlite3_int64 n, int safe, const unsigned char *classes) {
  if (n == 0) {
    put(o, "\"\"", 2);
    return;
  }
  /* One pass: is it valid UTF-8 (else rewrite it as JS would), and does it need quotes? */
  int quote = 0, valid = 1;
  for (sqlite3_int64 i = 0; i < n;) {
    unsigned char k = classes[s[i]];
    if (k == 0) {
      i++;
      continue;
    }
    if (k == 1) {
      quote = 1;
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
  sqlite3_int64 skip = safe && n > 0 && s[0] >= 0xE1 ? invisible_prefix(s, n) : 0;
  int prefix = safe && n > skip && starts_formula(s + skip, n - skip) && !plain_number(s + skip, n - skip);
  if (valid && !quote) {
    if (!out_reserve(o, n + 1)) return;
    if (prefix) o->p[o->n++] = '\'';
    memcpy(o->p + o->n, s, (size_t)n);
    o->n += n;
    return;
  }
  /* Room for the worst case at once (every byte doubled or replaced by U+FFFD, 3 bytes), so the
     loop writes without a check per byte. */
  if (!out_reserve(o, 3 * n + 3)) return;
  unsigned char *w = o->p + o->n;
  if (quote) *w++ = '"';
  if (prefix) *w++ = '\'';
  if (valid) {
    /* Quoted but valid: copy the runs between double quotes, doubling each quote. */
    const unsigned char *at = s, *end = s + n;
    for (;;) {
      const unsigned char *q = memchr(at, '"', (size_t)(end - at));
      size_t run = (size_t)((q ? q + 1 : end) - at);
      memcpy(w, at, run);
      w += run;
      if (!q) break;
      *w++ = '"';
      at = q + 1;
    }
    *w++ = '"';
    o->n = w - o->p;
    return;
  }
  for (sqlite3_int64 i = 0; i < n;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == '"') *w++ = '"';
      *w++ = c;
      i++;
      continue;
    }
    sqlite3_int64 bad = 0;
    int len = utf8_len(s + i, n - i, &bad);
    if (len == 0) {
      memcpy(w, "\xEF\xBF\xBD", 3);
      w += 3;
      i += bad;
    } else {
      memcpy(w, s + i, (size_t)len);
      w += len;
      i += len;
    }
  }
  if (quote) *w++ = '"';
  o->n = w - o->p;
}

/* Decimal digits of v, most significant first, into buf (at least 20 bytes); returns their count. */
static int u64_digits(sqlite3_uint64 v, char *buf) {
  char tmp[20];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (int i = 0; i < k; i++) buf[i] = tmp[k - 1 - i];
  return k;
}

static void put_int(Out *o, sqlite3_int64 v) {
  if (!out_reserve(o, 21)) return;
  if (v < 0) o->p[o->n++] = '-';
  /* Unsigned negation: well defined for INT64_MIN too. */
  sqlite3_uint64 u = v < 0 ? (sqlite3_uint64)0 - (sqlite3_uint64)v : (sqlite3_uint64)v;
  o->n += u64_digits(u, (char *)o->p + o->n);
}

/* Powers of ten a double holds exactly (10^22 is the last). */
static const double POW10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * The shortest digits of a finite, positive double that read back as it, and its decimal exponent
 * (digits d1d2... mean 0.d1d2... x 10^n). Most audit numbers have a few decimals (costs, ratios),
 * so first try m / 10^k for k = 0, 1, ...: with m below 10^15 and 10^k exact, that quotient is
 * what strtod returns for "m e-k" (one correctly rounded division), and a double has only one
 * decimal form of 15 digits or fewer that reads back as it, so the first hit is the answer. Other
 * doubles take printf's digits at 15, 16, then 17 places, as before.
 */
static int shortest_digits(double v, char *digits, int *n) {
  for (int k = 0; k <= 22; k++) {
    double scaled = v * POW10[k];
    if (scaled >= 1e15) break;
    double m = nearbyint(scaled);
    if (m >= 1 && m / POW10[k] == v) {
      int len = u64_digits((sqlite3_uint64)m, digits);
      *n = len - k;
      while (len > 1 && digits[len - 1] == '0') len--;
      return len;
    }
  }
  char buf[40];
  /* 15 digits that read back are the shortest too for normal doubles (their spacing is finer than
     the 15-digit grid's); subnormals have fewer bits, so they search from one digit up. */
  for (int p = v < 2.2250738585072014e-308 ? 1 : 15; p <= 17; p++) {
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    if (strtod(buf, NULL) == v) break;
  }
  /* buf is d.ddddde[+-]xx: gather the digits without trailing zeros, and the exponent. */
  int k = 0;
  const char *c = buf;
  for (; *c && *c != 'e'; c++) {
    if (*c != '.') digits[k++] = *c;
  }
  *n = atoi(c + 1) + 1;
  while (k > 1 && digits[k - 1] == '0') k--;
  return k;
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
  if (v < 0) {
    put1(o, '-');
    v = -v;
  }
  char digits[24] = {0};
  int n;
  int k = shortest_digits(v, digits, &n);
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
  const unsigned char *classes = byte_classes(o, flags);
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
        put_text(o, s ? s : (const unsigned char *)"", s ? n : 0, safe, classes);
        break;
      }
    }
  }
  if (flags & 2) put1(o, '\r');
  put1(o, '\n');
}
