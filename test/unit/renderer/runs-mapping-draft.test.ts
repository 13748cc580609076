import { describe, expect, it } from 'vitest';
import type { MappingSuggestions } from '../../../shared/api/contract';
import type { ColumnFamily, TableInfo } from '../../../shared/model/catalog';
import {
  applyJoin, draftForRunsTable, formatOverlap, initialDraft, joinsFor, mappingFromDraft, rankRunsTables, setRunKey, setStepsTable,
} from '../../../renderer/features/runs/mapping/mapping-draft';
import { draftFromMappingJson } from '../../../renderer/features/runs/mapping/mapping-edit';
import { mappingFileName } from '../../../renderer/features/runs/mapping/mapping-file';
import { guessDuration, guessStepOrder, roleOf } from '../../../renderer/features/runs/mapping/mapping-guess';

const table = (name: string, columns: readonly (readonly [string, ColumnFamily])[], primaryKey: readonly string[] = [], schema: string | null = null): TableInfo => ({
  schema, name, kind: 'table', primaryKey, foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
  columns: columns.map(([n, family]) => ({ name: n, type: family.toUpperCase(), family, notNull: false, pk: primaryKey.indexOf(n) + 1 })),
});

const jobRuns = table('job_runs', [['run_uuid', 'text'], ['job', 'text'], ['began', 'text'], ['finished', 'text'], ['state', 'text'], ['triggered_by', 'text']], ['run_uuid']);
const jobTasks = table('job_tasks', [['task_id', 'integer'], ['run_uuid', 'text'], ['task', 'text'], ['seq', 'integer'], ['logged_at', 'text'], ['state', 'text'], ['detail', 'text']], ['task_id']);
const notes = table('notes', [['id', 'integer'], ['body', 'text']], ['id']);
const tables = [notes, jobTasks, jobRuns];

/** What `mapping.suggest` answers for these tables (as the server's guessRoles and suggestJoins would). */
const suggestions: MappingSuggestions = {
  joins: [{ runsTable: { schema: null, name: 'job_runs' }, stepsTable: { schema: null, name: 'job_tasks' }, pairs: [{ runs: 'run_uuid', steps: 'run_uuid' }], reason: 'same-name', overlap: { sampled: 4, matched: 4 } }],
  roles: {
    job_runs: { started: 'began', ended: 'finished', status: 'state', name: 'job', actor: 'triggered_by' },
    job_tasks: { at: 'logged_at', status: 'state', name: 'task', message: 'detail' },
    notes: {},
  },
};

describe('mapping form pre-fill', () => {
  it('lists suggested runs tables first', () => {
    expect(rankRunsTables(tables, suggestions).map((r) => [r.table.name, r.suggested])).toEqual([['job_runs', true], ['job_tasks', false], ['notes', false]]);
    expect(rankRunsTables(tables, null).map((r) => r.table.name)).toEqual(['job_runs', 'job_tasks', 'notes']);
  });

  it('opens on the suggested runs table with its roles, key and best join filled in', () => {
    const d = initialDraft(tables, suggestions);
    expect(d).toMatchObject({
      title: 'job_runs', runsTable: 'job_runs', runKey: ['run_uuid'],
      runRoles: { name: 'job', started: 'began', ended: 'finished', status: 'state', actor: 'triggered_by', message: '' },
      withSteps: true, stepsTable: 'job_tasks', stepKey: ['run_uuid'],
      stepRoles: { name: 'task', at: 'logged_at', status: 'state', message: 'detail' },
      stepOrder: [{ column: 'seq', desc: false }, { column: 'logged_at', desc: false }, { column: 'task_id', desc: false }],
      naiveTime: 'utc',
    });
  });

  it('without suggestions still picks the primary key and no steps', () => {
    const d = draftForRunsTable(tables, null, 'notes');
    expect(d).toMatchObject({ runsTable: 'notes', runKey: ['id'], withSteps: false, runRoles: { name: '', started: '' } });
  });

  it('taking a join sets the run key to its runs columns and the steps join to its steps columns', () => {
    const fk = { runsTable: { schema: null, name: 'job_runs' }, stepsTable: { schema: null, name: 'job_tasks' }, pairs: [{ runs: 'job', steps: 'task' }, { runs: 'run_uuid', steps: 'run_uuid' }], reason: 'foreign-key' as const, overlap: null };
    const d = applyJoin(draftForRunsTable(tables, null, 'job_runs'), fk, tables, suggestions);
    expect(d.runKey).toEqual(['job', 'run_uuid']);
    expect(d.stepKey).toEqual(['task', 'run_uuid']);
    expect(joinsFor({ ...suggestions, joins: [...suggestions.joins, fk] }, 'job_runs')[0]?.reason).toBe('foreign-key');
  });

  it('a steps table picked by hand joins same-named columns; a changed run key keeps the known pairs', () => {
    let d = setStepsTable({ ...draftForRunsTable(tables, null, 'job_runs') }, 'job_tasks', tables, null);
    expect(d.stepKey).toEqual(['run_uuid']);
    d = setRunKey(d, ['run_uuid', 'state'], tables);
    expect(d.stepKey).toEqual(['run_uuid', 'state']);
    d = setRunKey(d, ['state'], tables);
    expect(d.stepKey).toEqual(['state']);
  });

  it('shows overlap as matched/sampled with a percentage', () => {
    expect(formatOverlap({ sampled: 200, matched: 187 })).toBe('187/200 (94 %)');
    expect(formatOverlap({ sampled: 0, matched: 0 })).toBe('0/0 (no step rows)');
    expect(formatOverlap(null)).toBe('overlap not measured');
  });
});

describe('mapping form → mapping JSON', () => {
  it('builds the mapping the server validates, leaving out unset roles', () => {
    const r = mappingFromDraft({ ...initialDraft(tables, suggestions), title: ' Nightly jobs ' }, tables);
    expect(r).toEqual({
      ok: true,
      mapping: {
        version: 1,
        title: 'Nightly jobs',
        runs: { table: { schema: null, name: 'job_runs' }, key: ['run_uuid'], name: 'job', started: 'began', ended: 'finished', status: 'state', actor: 'triggered_by' },
        steps: {
          table: { schema: null, name: 'job_tasks' }, runKey: ['run_uuid'],
          order: [{ column: 'seq', nullsLast: true }, { column: 'logged_at', nullsLast: true }, { column: 'task_id', nullsLast: true }],
          name: 'task', at: 'logged_at', status: 'state', message: 'detail',
        },
        lineage: null,
        naiveTime: 'utc',
      },
    });
  });

  it('maps runs only, with a duration column, and keeps schemas of Postgres tables', () => {
    const runs = table('runs', [['id', 'text'], ['elapsed_ms', 'integer']], ['id'], 'audit');
    const d = draftForRunsTable([runs], null, 'audit.runs');
    expect(d.duration).toBe('elapsed_ms');
    expect(d.durationUnit).toBe('ms');
    const r = mappingFromDraft({ ...d, stepOrder: [{ column: 'x', desc: true }] }, [runs]);
    expect(r.ok && r.mapping.runs).toEqual({ table: { schema: 'audit', name: 'runs' }, key: ['id'], duration: { column: 'elapsed_ms', unit: 'ms' } });
    expect(r.ok && r.mapping.steps).toBeNull();
  });

  it('says what is missing instead of building a broken mapping', () => {
    const d = initialDraft(tables, suggestions);
    expect(mappingFromDraft({ ...d, title: '' }, tables)).toEqual({ ok: false, problems: ['Give the mapping a title.'] });
    expect(mappingFromDraft({ ...d, runKey: [], stepKey: [] }, tables)).toEqual({ ok: false, problems: ['Pick the column (or columns) that identify a run.'] });
    expect(mappingFromDraft({ ...d, stepKey: [''] }, tables)).toEqual({ ok: false, problems: ['Say which steps column joins each run key column.'] });
    expect(mappingFromDraft({ ...d, stepsTable: '' }, tables)).toEqual({ ok: false, problems: ['Pick the table that holds the steps, or map runs only.'] });
  });

  it('reads a saved mapping back into the form', () => {
    const built = mappingFromDraft({ ...initialDraft(tables, suggestions), title: 'Jobs' }, tables);
    expect(built.ok).toBe(true);
    const again = built.ok ? draftFromMappingJson(JSON.stringify(built.mapping)) : null;
    expect(again && mappingFromDraft(again, tables)).toEqual(built);
    expect(draftFromMappingJson('not json')).toBeNull();
    expect(draftFromMappingJson('{"runs":{}}')).toBeNull();
  });
});

describe('mapping guesses', () => {
  it('never reads a role through the prototype of a hostile table name', () => {
    const proto = table('__proto__', [['constructor', 'text']]);
    expect(roleOf({ joins: [], roles: {} }, proto, 'name')).toBe('');
    expect(roleOf({ joins: [], roles: { __proto__: { name: 'constructor' } } }, proto, 'toString')).toBe('');
  });

  it('ignores a suggested column the table does not have', () => {
    expect(roleOf({ joins: [], roles: { notes: { name: 'title' } } }, notes, 'name')).toBe('');
  });

  it('orders steps by a sequence column, then time, then primary key', () => {
    expect(guessStepOrder(jobTasks, 'logged_at')).toEqual(['seq', 'logged_at', 'task_id']);
    expect(guessStepOrder(table('t', [['at', 'text']]), '')).toEqual([]);
    expect(guessDuration(jobRuns)).toBeNull();
  });

  it('names export files safely', () => {
    expect(mappingFileName('Nightly jobs / prod')).toBe('auditlens-mapping-Nightly-jobs-prod.json');
    expect(mappingFileName('../..')).toBe('auditlens-mapping-untitled.json');
  });
});
