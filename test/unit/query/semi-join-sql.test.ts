import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postgresDialect, sqliteDialect } from '../../../shared/query/dialect';
import type { Plan, PlanCondition } from '../../../shared/query/plan';
import { compilePlan, planFilters } from '../../../shared/query/plan';
import type { DerivedRelation } from '../../../shared/query/relation';
import { compileExport, compileRowsOf } from '../../../shared/query/sql';
import { tableOf } from '../../helpers/tables';

const runs = tableOf('runs', [['inv', 'TEXT'], ['model', 'TEXT'], ['msg', 'TEXT']]);
const steps: DerivedRelation = {
  base: { schema: null, name: 'steps' },
  columns: [
    { name: 's_inv', expr: { k: 'col', name: 'inv' }, family: 'text' },
    { name: 's_model', expr: { k: 'col', name: 'model' }, family: 'text' },
    { name: 'state', expr: { k: 'col', name: 'state' }, family: 'text' },
    { name: 'message', expr: { k: 'col', name: 'note' }, family: 'text' },
  ],
};
const stepCols = steps.columns.map((c) => ({ name: c.name, type: 'TEXT', family: c.family, notNull: false, pk: 0 }));
const pairs = [{ outer: 'inv', inner: 's_inv' }, { outer: 'model', inner: 's_model' }];

function semi(semiJoin: 'exists' | 'in', filters: Parameters<typeof planFilters>[1]): PlanCondition {
  return { kind: 'exists', relation: steps, pairs, filters: planFilters(stepCols, filters, 'steps'), semiJoin };
}

function planWith(conditions: readonly PlanCondition[]): Plan {
  return { ...compilePlan(runs, { table: runs, filters: [], sort: [] }), conditions };
}

function store(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE runs (inv TEXT, model TEXT, msg TEXT);
    CREATE TABLE steps (inv TEXT, model TEXT, state TEXT, note TEXT);
    INSERT INTO runs VALUES ('i1', 'a', NULL), ('i1', 'b', 'Got 100% of rows'), ('i2', 'a', NULL), (NULL, 'a', NULL), ('i3', 'c', 'fine');
    INSERT INTO steps VALUES ('i1', 'a', 'failed', 'disk full'), ('i1', 'b', 'ok', 'wrote 100 rows'), ('i2', 'a', 'ok', 'used 50%_of quota'),
      ('i2', 'a', 'failed', NULL), (NULL, 'a', 'failed', 'orphan'), ('i3', 'c', 'ok', 'USED 50X OF QUOTA');
  `);
  return db;
}

function keys(db: Database.Database, plan: Plan): string[] {
  const sql = compileExport(plan, sqliteDialect);
  return (db.prepare(sql.sql).raw(true).all(...sql.params) as unknown[][]).map((r) => `${String(r[0])}/${String(r[1])}`).sort();
}

describe('semi-joins into the steps', () => {
  it('EXISTS and IN keep the same runs, and a NULL key matches nothing', () => {
    const db = store();
    const exists = keys(db, planWith([semi('exists', [{ column: 'state', op: 'eq', value: 'failed' }])]));
    const viaIn = keys(db, planWith([semi('in', [{ column: 'state', op: 'eq', value: 'failed' }])]));
    expect(exists).toEqual(['i1/a', 'i2/a']);
    expect(viaIn).toEqual(exists);
    db.close();
  });

  it('IN compiles to a row value against one SELECT of the steps, with no correlation', () => {
    const sql = compileExport(planWith([semi('in', [{ column: 'state', op: 'eq', value: 'failed' }])]), sqliteDialect).sql;
    expect(sql).toContain('WHERE ("runs"."inv", "runs"."model") IN (SELECT "sub"."s_inv", "sub"."s_model" FROM (SELECT');
    expect(sql).not.toContain('EXISTS');
    const pg = compileExport(planWith([semi('in', [{ column: 'state', op: 'eq', value: 'failed' }])]), postgresDialect);
    expect(pg.sql).toContain('"state" = $1');
    expect(pg.params).toEqual(['failed']);
  });

  it('a search is an OR of the run message and its steps, case-insensitive, with wildcards taken literally', () => {
    const db = store();
    const search = (text: string, how: 'exists' | 'in'): string[] => {
      const [own] = planFilters(runs.columns, [{ column: 'msg', op: 'contains', value: text }], 'runs');
      return keys(db, planWith([{ kind: 'anyOf', conditions: [{ kind: 'filter', filter: own! }, semi(how, [{ column: 'message', op: 'contains', value: text }])] }]));
    };
    for (const how of ['exists', 'in'] as const) {
      expect(search('DISK', how)).toEqual(['i1/a']);
      // "100%" is in a run's own message; "100" alone also in a step of the same run.
      expect(search('100%', how)).toEqual(['i1/b']);
      // "_" and "%" are literal: "50X OF" does not match "50%_of".
      expect(search('50%_of', how)).toEqual(['i2/a']);
      expect(search('orphan', how)).toEqual([]);
    }
    db.close();
  });

  it('an empty OR keeps nothing, and the stepping count selects one row per match', () => {
    const db = store();
    expect(keys(db, planWith([{ kind: 'anyOf', conditions: [] }]))).toEqual([]);
    const rows = compileRowsOf(planWith([semi('in', [{ column: 'state', op: 'eq', value: 'failed' }])]), sqliteDialect);
    expect(rows.sql.startsWith('SELECT 1 FROM "runs" WHERE')).toBe(true);
    expect(db.prepare(rows.sql).all(...rows.params)).toHaveLength(2);
    db.close();
  });
});
