import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DerivedRelation } from '../../../shared/model/relation';
import { postgresDialect, sqliteDialect } from '../../../shared/query/dialect';
import { compileRelation } from '../../../shared/query/relation';

/** Steps (a derived relation) with their run's name and duration beside them. */
const runs: DerivedRelation = {
  base: { schema: 'audit', name: 'runs' },
  columns: [
    { name: 'run_name', expr: { k: 'col', name: 'name' }, family: 'text' },
    { name: 'run_secs', expr: { k: 'seconds', e: { k: 'col', name: 'ms' }, divisor: 1000 }, family: 'real' },
    { name: 'run_key_1', expr: { k: 'col', name: 'id' }, family: 'text' },
  ],
};
const steps: DerivedRelation = {
  base: { schema: null, name: 'steps' },
  columns: [
    { name: 'step', expr: { k: 'col', name: 'step' }, family: 'text' },
    { name: 'steps.run', expr: { k: 'col', name: 'run' }, family: 'text' },
  ],
};
const joined: DerivedRelation = {
  base: steps,
  columns: ['run_name', 'run_secs', 'step'].map((name) => ({ name, expr: { k: 'col', name }, family: 'text' as const })),
  join: { relation: runs, on: [{ left: 'steps.run', right: 'run_key_1' }] },
};

describe('compileRelation with a LEFT JOIN', () => {
  it('joins a derived base to a derived relation on named columns (SQLite)', () => {
    expect(compileRelation(joined, sqliteDialect)).toBe(
      '(SELECT "run_name" AS "run_name", "run_secs" AS "run_secs", "step" AS "step" FROM '
      + '(SELECT "step" AS "step", "run" AS "steps.run" FROM "steps") AS "rel_in" LEFT JOIN '
      + '(SELECT "name" AS "run_name", (CAST("ms" AS REAL) / 1000) AS "run_secs", "id" AS "run_key_1" FROM "audit"."runs") AS "rel_j" '
      + 'ON "rel_in"."steps.run" = "rel_j"."run_key_1") AS "rel"',
    );
  });

  it('compiles the same shape for Postgres, with its own types, and nests aliases under the given one', () => {
    const sql = compileRelation(joined, postgresDialect, 'sub');
    expect(sql).toContain('FROM (SELECT "step" AS "step", "run" AS "steps.run" FROM "steps") AS "sub_in" LEFT JOIN (SELECT ');
    expect(sql).toContain('(CAST("ms" AS double precision) / 1000) AS "run_secs"');
    expect(sql).toMatch(/ AS "sub_j" ON "sub_in"\."steps\.run" = "sub_j"\."run_key_1"\) AS "sub"$/);
  });

  it('gives a table base an alias only when it has a join, and ANDs every key pair', () => {
    const lone: DerivedRelation = { base: { schema: 'audit', name: 'steps' }, columns: [{ name: 'step', expr: { k: 'col', name: 'step' }, family: 'text' }] };
    expect(compileRelation(lone, postgresDialect)).toBe('(SELECT "step" AS "step" FROM "audit"."steps") AS "rel"');
    const two: DerivedRelation = {
      ...lone,
      join: { relation: { base: { schema: 'audit', name: 'runs' }, columns: [{ name: 'k1', expr: { k: 'col', name: 'a' }, family: 'text' }, { name: 'k2', expr: { k: 'col', name: 'b' }, family: 'text' }] }, on: [{ left: 'a', right: 'k1' }, { left: 'b', right: 'k2' }] },
    };
    expect(compileRelation(two, postgresDialect)).toBe(
      '(SELECT "step" AS "step" FROM "audit"."steps" AS "rel_in" LEFT JOIN (SELECT "a" AS "k1", "b" AS "k2" FROM "audit"."runs") AS "rel_j" '
      + 'ON "rel_in"."a" = "rel_j"."k1" AND "rel_in"."b" = "rel_j"."k2") AS "rel"',
    );
  });

  it('refuses a join without pairs, with a name on both sides, or naming a column that is not there', () => {
    expect(() => compileRelation({ ...joined, join: { relation: runs, on: [] } }, sqliteDialect)).toThrow(/at least one pair/);
    const clash: DerivedRelation = { ...runs, columns: [...runs.columns, { name: 'step', expr: { k: 'col', name: 'x' }, family: 'text' }] };
    expect(() => compileRelation({ ...joined, join: { relation: clash, on: [{ left: 'steps.run', right: 'run_key_1' }] } }, sqliteDialect)).toThrow(/Both sides .* "step"/);
    expect(() => compileRelation({ ...joined, join: { relation: runs, on: [{ left: 'steps.nope', right: 'run_key_1' }] } }, sqliteDialect)).toThrow(/"steps\.nope"/);
    expect(() => compileRelation({ ...joined, join: { relation: runs, on: [{ left: 'steps.run', right: 'nope' }] } }, sqliteDialect)).toThrow(/"nope"/);
  });

  it('keeps every base row, with NULL run columns where no run matches (SQLite runs it)', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE steps (step TEXT, run TEXT);
      INSERT INTO steps VALUES ('compile', 'r1'), ('execute', 'r1'), ('orphan', 'r9');`);
    db.exec("ATTACH ':memory:' AS audit; CREATE TABLE audit.runs (id TEXT PRIMARY KEY, name TEXT, ms INTEGER); INSERT INTO audit.runs VALUES ('r1', 'orders', 1500), ('r2', 'other', 1);");
    const rows = db.prepare(`SELECT * FROM ${compileRelation(joined, sqliteDialect)} ORDER BY "step"`).raw(true).all();
    expect(rows).toEqual([['orders', 1.5, 'compile'], ['orders', 1.5, 'execute'], [null, null, 'orphan']]);
    db.close();
  });
});
