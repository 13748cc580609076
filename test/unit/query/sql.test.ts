import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postgresDialect, sqliteDialect } from '../../../shared/query/dialect';
import { compilePlan } from '../../../shared/query/plan';
import { compileCount, compileExport, compilePage, compileValueCounts, keysetSql, Params } from '../../../shared/query/sql';
import { familyOf } from '../../../shared/model/catalog';
import { tableOf } from '../../helpers/tables';

const t = tableOf('audit "log"', [['id', 'INTEGER'], ['status', 'TEXT'], ['msg', 'TEXT']]);

describe('SQL compilation', () => {
  it('quotes identifiers from the catalog and binds every value', () => {
    const plan = compilePlan(t, { table: t, filters: [{ column: 'status', op: 'eq', value: "x'); DROP TABLE y; --" }], sort: [] });
    const sql = compilePage(plan, sqliteDialect, { after: null, offset: 0, limit: 100 });
    expect(sql.sql).toBe('SELECT "id", "status", "msg", rowid AS "__k0" FROM "audit ""log""" WHERE "status" = ? ORDER BY rowid LIMIT ?');
    expect(sql.params).toEqual(["x'); DROP TABLE y; --", 100]);
  });

  it('escapes LIKE wildcards so contains matches literally', () => {
    const plan = compilePlan(t, { table: t, filters: [{ column: 'msg', op: 'contains', value: '50%_off\\' }], sort: [] });
    const sql = compileExport(plan, sqliteDialect);
    expect(sql.sql).toContain(`"msg" LIKE ? ESCAPE '\\'`);
    expect(sql.params).toEqual(['%50\\%\\_off\\\\%']);
  });

  it('numbers Postgres placeholders and orders NULLs like SQLite', () => {
    const plan = compilePlan({ ...t, schema: 'audit', keyset: 'pk', primaryKey: ['id'] }, {
      table: { schema: 'audit', name: t.name },
      filters: [{ column: 'status', op: 'in', values: ['a', null] }, { column: 'msg', op: 'contains', value: 'x' }],
      sort: [{ column: 'status', desc: true }],
    });
    const sql = compilePage(plan, postgresDialect, { after: ['a', 5], offset: 0, limit: 10 });
    expect(sql.sql).toContain('FROM "audit"."audit ""log"""');
    expect(sql.sql).toContain('("status" IN ($1) OR "status" IS NULL)');
    expect(sql.sql).toContain('"msg" ILIKE $2');
    expect(sql.sql).toContain('ORDER BY "status" DESC NULLS LAST, "id" NULLS FIRST');
    expect(sql.params).toEqual(['a', '%x%', 'a', 'a', 5, 10]);
  });

  it('counts with the filters applied and value lists ignore their own column', () => {
    const plan = compilePlan(t, { table: t, filters: [{ column: 'status', op: 'eq', value: 'failed' }, { column: 'msg', op: 'notEmpty' }], sort: [] });
    expect(compileCount(plan, sqliteDialect).sql).toBe(`SELECT count(*) AS n FROM "audit ""log""" WHERE "status" = ? AND NOT ("msg" IS NULL OR "msg" = '')`);
    const values = compileValueCounts(plan, 'status', sqliteDialect, 50);
    expect(values.sql).not.toContain('"status" = ?');
    expect(values.params).toEqual([51]);
  });
});

/**
 * The keyset predicate must select exactly the rows after a given row in the ORDER BY, for any
 * mix of directions and NULLs. Checked against SQLite itself on a table full of NULLs and ties.
 */
describe('keyset predicate against a real SQLite ordering', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE k (a INTEGER, b TEXT)');
  const ins = db.prepare('INSERT INTO k VALUES (?, ?)');
  const as = [null, 1, 2, 2, 3];
  const bs = [null, 'x', 'y'];
  for (let i = 0; i < 60; i++) {
    ins.run(as[i % as.length] ?? null, bs[(i * 7) % bs.length] ?? null);
  }
  const table = tableOf('k', [['a', 'INTEGER'], ['b', 'TEXT']]);

  for (const [da, db2] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`a ${da ? 'desc' : 'asc'}, b ${db2 ? 'desc' : 'asc'}: every continuation equals the tail of the full ordering`, () => {
      const plan = compilePlan(table, { table, filters: [], sort: [{ column: 'a', desc: da }, { column: 'b', desc: db2 }] });
      const all = compilePage(plan, sqliteDialect, { after: null, offset: 0, limit: 1000 });
      const rows = db.prepare(all.sql).raw(true).all(...all.params) as unknown[][];
      expect(rows).toHaveLength(60);
      for (let i = 0; i < rows.length; i++) {
        const key = (rows[i] as unknown[]).slice(2);
        const next = compilePage(plan, sqliteDialect, { after: key, offset: 0, limit: 1000 });
        const tail = db.prepare(next.sql).raw(true).all(...next.params) as unknown[][];
        expect(tail).toEqual(rows.slice(i + 1));
      }
    });
  }

  it('has no branch after the smallest key in a descending order', () => {
    const p = new Params(sqliteDialect);
    expect(keysetSql([{ expr: { kind: 'column', name: 'a' }, desc: true }], [null], sqliteDialect, p)).toBe('1 = 0');
  });
});

describe('column families of Postgres types', () => {
  it.each([
    ['text[]', 'other'], ['_int4', 'other'], ['integer[]', 'other'], ['uuid', 'other'], ['interval', 'other'], ['point', 'other'],
    ['int4range', 'other'], ['daterange', 'other'], ['jsonb', 'json'], ['timestamp with time zone', 'temporal'], ['bigint', 'integer'],
    ['character varying(50)', 'text'], ['numeric(30,10)', 'real'], ['bytea', 'blob'], ['boolean', 'boolean'],
  ])('%s is %s', (declared, family) => {
    expect(familyOf(declared)).toBe(family);
  });

  it('casts every non-text family to text for contains on Postgres', () => {
    expect(postgresDialect.ilike('"tags"', '$1', 'other')).toBe(`CAST("tags" AS text) ILIKE $1 ESCAPE '\\'`);
    expect(postgresDialect.ilike('"name"', '$1', 'text')).toBe(`"name" ILIKE $1 ESCAPE '\\'`);
  });
});
