import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUERY_KEYWORDS, leadingKeyword, postgresConsoleRefusal } from '../../../shared/query/console-sql';

describe('leadingKeyword', () => {
  it.each([
    ['SELECT 1', 'SELECT'],
    ['  select 1', 'SELECT'],
    ['-- a note\nwith x as (select 1) select * from x', 'WITH'],
    ['/* outer /* nested */ still comment */ insert into t values (1)', 'INSERT'],
    ['((SELECT 1))', 'SELECT'],
    ['\t\n/**/copy t to stdout', 'COPY'],
    ['-- only a comment', null],
    ['/* unterminated', null],
    ['', null],
    ['123', null],
  ])('%j starts with %j', (sql, word) => {
    expect(leadingKeyword(sql)).toBe(word);
  });
});

describe('postgresConsoleRefusal', () => {
  it('lets queries through', () => {
    for (const sql of ['SELECT 1', 'with a as (select 1) select * from a', 'VALUES (1)', 'TABLE t', 'EXPLAIN SELECT 1', 'SHOW search_path']) {
      expect(postgresConsoleRefusal(sql)).toBeNull();
    }
  });

  it('refuses everything else with a sentence naming the statement', () => {
    expect(postgresConsoleRefusal("COPY (SELECT 1) TO PROGRAM 'x'")).toMatch(/^The SQL console is read-only .*a COPY statement was not sent.*\.$/);
    expect(postgresConsoleRefusal('  ')).toBe('There is no SQL statement to run.');
  });

  it('never lets a statement through whose first word is not a query keyword, whatever comments precede it', () => {
    const word = fc.constantFrom('INSERT', 'update', 'Delete', 'COPY', 'LOAD', 'SET', 'DO', 'CALL', 'ALTER', 'COMMIT', 'DROP', 'select', 'WITH');
    const junk = fc.array(fc.constantFrom(' ', '\n', '(', '-- c;\n', '/* x */', '/* a /* b */ c */'), { maxLength: 6 });
    fc.assert(fc.property(junk, word, (prefix, w) => {
      const sql = `${prefix.join('')}${w} something`;
      const allowed = QUERY_KEYWORDS.includes(w.toUpperCase());
      expect(postgresConsoleRefusal(sql) === null).toBe(allowed);
    }));
  });
});
