import { describe, expect, it } from 'vitest';
import type { ColumnFamily, TableInfo } from '../../../shared/model/catalog';
import { initialDraft, mappingFromDraft } from '../../../renderer/features/runs/mapping/mapping-draft';
import { draftFromMappingJson } from '../../../renderer/features/runs/mapping/mapping-edit';
import { guessEdgeRole, likelyEdgesTable, lineageForTable } from '../../../renderer/features/runs/mapping/mapping-lineage';

const table = (name: string, columns: readonly (readonly [string, ColumnFamily])[], primaryKey: readonly string[] = []): TableInfo => ({
  schema: null, name, kind: 'table', primaryKey, foreignKeys: [], indexes: [], keyset: 'rowid', rowCount: null,
  columns: columns.map(([n, family]) => ({ name: n, type: family.toUpperCase(), family, notNull: false, pk: primaryKey.indexOf(n) + 1 })),
});

const runs = table('job_runs', [['run_uuid', 'text'], ['job', 'text'], ['began', 'text']], ['run_uuid']);
const deps = table('table_deps', [['valid_from', 'text'], ['valid_to', 'text'], ['upstream_table', 'text'], ['downstream_table', 'text'], ['dep_kind', 'text'], ['run_uuid', 'text']]);
const notes = table('notes', [['id', 'integer'], ['to', 'text']], ['id']);

describe('mapping form: lineage edges', () => {
  it('guesses source, target, relationship, validity and run from column names, never one column twice', () => {
    expect(lineageForTable([deps], 'table_deps')).toEqual({
      withLineage: true, edgesTable: 'table_deps',
      edgeRoles: { source: 'upstream_table', target: 'downstream_table', relationship: 'dep_kind', validFrom: 'valid_from', validTo: 'valid_to', recordedBy: 'run_uuid' },
    });
    // `valid_from` and `valid_to` end like source and target columns but are times.
    expect(guessEdgeRole(table('t', [['valid_from', 'text'], ['valid_to', 'text']]), 'source')).toBe('');
    expect(guessEdgeRole(table('t', [['src', 'text'], ['dst', 'text']]), 'target')).toBe('dst');
    expect(guessEdgeRole(table('t', [['id', 'text'], ['note', 'text']]), 'target')).toBe('');
  });

  it('offers the first table with a source and a target column, not the runs table', () => {
    expect(likelyEdgesTable([notes, runs, deps], ['job_runs'])).toBe('table_deps');
    expect(likelyEdgesTable([notes, runs], [])).toBe('');
    expect(initialDraft([runs, deps, notes], null)).toMatchObject({ runsTable: 'job_runs', withLineage: true, edgesTable: 'table_deps' });
    // Edges recorded by a run share its key: they are offered as lineage, not as the runs' steps.
    const join = { runsTable: { schema: null, name: 'job_runs' }, stepsTable: { schema: null, name: 'table_deps' }, pairs: [{ runs: 'run_uuid', steps: 'run_uuid' }], reason: 'same-name' as const, overlap: null };
    expect(initialDraft([runs, deps], { joins: [join], roles: {} })).toMatchObject({ withSteps: false, stepsTable: '', withLineage: true, edgesTable: 'table_deps' });
  });

  it('saves the edge table in the mapping, and reads it back into the form', () => {
    const d = { ...initialDraft([runs, deps], null), title: 'Jobs' };
    const r = mappingFromDraft(d, [runs, deps]);
    expect(r.ok && r.mapping.lineage).toEqual({
      table: { schema: null, name: 'table_deps' }, source: 'upstream_table', target: 'downstream_table',
      relationship: 'dep_kind', validFrom: 'valid_from', validTo: 'valid_to', recordedBy: 'run_uuid',
    });
    const back = draftFromMappingJson(JSON.stringify(r.ok ? r.mapping : null));
    expect(back).toMatchObject({ withLineage: true, edgesTable: 'table_deps', edgeRoles: d.edgeRoles });
    expect(mappingFromDraft({ ...d, withLineage: false }, [runs, deps])).toMatchObject({ ok: true, mapping: { lineage: null } });
  });

  it('says what is missing instead of saving half an edge', () => {
    const d = { ...initialDraft([runs, deps], null), title: 'Jobs' };
    expect(mappingFromDraft({ ...d, edgeRoles: { ...d.edgeRoles, target: '' } }, [runs, deps])).toEqual({ ok: false, problems: ['Say which columns hold the source and the target of an edge.'] });
    expect(mappingFromDraft({ ...d, edgeRoles: { ...d.edgeRoles, target: 'upstream_table' } }, [runs, deps])).toEqual({ ok: false, problems: ['An edge needs two different columns for its source and its target.'] });
    expect(mappingFromDraft({ ...d, edgesTable: '' }, [runs, deps])).toEqual({ ok: false, problems: ['Pick the table that holds the lineage edges, or map no lineage.'] });
  });
});
