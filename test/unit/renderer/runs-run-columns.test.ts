import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../shared/model/catalog';
import {
  columnFamily, columnRole, defaultHidden, displayColumns, fetchColumns, headerLabel, viewTableInfo,
} from '../../../renderer/features/runs/run-columns';

const RUNS = ['run_id', 'run_name', 'started_at', 'ended_at', 'duration_s', 'status', 'raw_status', 'actor', 'message', 'day', 'summary.invocation_id', 'summary.rows'];
const STEPS = ['step_name', 'at', 'status', 'raw_status', 'message', 'detail.seq', 'seq is null'];

const catalog: Catalog = {
  source: { kind: 'sqlite', location: '/x.db', title: 'x.db' },
  problems: [],
  tables: [{
    schema: null, name: 'summary', kind: 'table', primaryKey: [], foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
    columns: [{ name: 'rows', type: 'INTEGER', family: 'integer', notNull: false, pk: 0 }],
  }],
};

describe('run and step columns', () => {
  it('gives the normalised columns friendly headers', () => {
    expect(RUNS.slice(0, 10).map((c) => headerLabel('runs', c, 'summary'))).toEqual(
      ['Run', 'Name', 'Started', 'Ended', 'Duration', 'Status', 'Raw status', 'Actor', 'Message', 'Day'],
    );
    expect(STEPS.slice(0, 5).map((c) => headerLabel('steps', c, 'detail'))).toEqual(['Step', 'At', 'Status', 'Raw status', 'Message']);
  });

  it('shows own columns by their bare name', () => {
    expect(headerLabel('runs', 'summary.invocation_id', 'summary')).toBe('invocation_id');
    // A dotted name from another table is left whole rather than guessed at.
    expect(headerLabel('runs', 'other.x', 'summary')).toBe('other.x');
  });

  it('never takes a column named like an Object.prototype member for a normalised one', () => {
    expect(columnRole('runs', 'constructor', 'summary')).toBe('internal');
    expect(headerLabel('runs', 'toString', 'summary')).toBe('toString');
  });

  it('tells normalised, own and server-internal columns apart', () => {
    expect(STEPS.map((c) => columnRole('steps', c, 'detail'))).toEqual(['normal', 'normal', 'normal', 'normal', 'normal', 'own', 'internal']);
    expect(displayColumns('steps', STEPS, 'detail')).not.toContain('seq is null');
  });

  it('hides own columns at first and does not fetch them while hidden', () => {
    expect(defaultHidden('runs', RUNS, 'summary')).toEqual(['summary.invocation_id', 'summary.rows']);
    // A format's shown own columns (an operation's logic, its warnings) stay out of the hidden list.
    expect(defaultHidden('runs', RUNS, 'summary', ['summary.rows'])).toEqual(['summary.invocation_id']);
    expect(fetchColumns('runs', RUNS, 'summary', ['summary.invocation_id', 'summary.rows', 'actor'])).toEqual(RUNS.slice(0, 10));
    expect(fetchColumns('runs', RUNS, 'summary', ['summary.invocation_id'])).toEqual([...RUNS.slice(0, 10), 'summary.rows']);
  });

  it('takes families from the catalog for own columns, fixed ones for normalised ones', () => {
    expect(columnFamily('runs', 'started_at', 'summary', null)).toBe('temporal');
    expect(columnFamily('runs', 'duration_s', 'summary', null)).toBe('real');
    expect(columnFamily('runs', 'summary.rows', 'summary', catalog)).toBe('integer');
    // A column of a derived relation is not in the table: text.
    expect(columnFamily('runs', 'summary.invocation_id', 'summary', catalog)).toBe('text');
  });

  it('shows runs name and status first and the long id last, own columns after, so a laptop screen sees status and duration', () => {
    expect(displayColumns('runs', RUNS, 'summary')).toEqual([
      'run_name', 'status', 'started_at', 'duration_s', 'ended_at', 'actor', 'message', 'raw_status', 'day', 'run_id', 'summary.invocation_id', 'summary.rows',
    ]);
    // Steps keep their own order.
    expect(displayColumns('steps', STEPS, 'detail').slice(0, 3)).toEqual(['step_name', 'at', 'status']);
  });

  it('describes a view as a table for the shared chips and chooser', () => {
    const info = viewTableInfo('steps', 'steps', STEPS, 'detail', null);
    expect(info.columns.map((c) => c.name)).toEqual(['step_name', 'at', 'status', 'raw_status', 'message', 'detail.seq']);
    expect(info.columns[1]).toMatchObject({ family: 'temporal' });
  });
});
