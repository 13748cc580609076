/**
 * Card 3 of the mapping form, optional: a table of lineage edges (a source and a target column per
 * row, and when the edge held), which the Lineage mode then walks like any format's lineage.
 */
import { useId } from 'react';
import type { TableInfo } from '../../../../shared/model/catalog';
import { tableLabel } from '../../../../shared/model/catalog';
import type { MappingDraft } from './mapping-draft';
import { tableByLabel } from './mapping-draft';
import { ColumnSelect, FieldRow } from './mapping-fields';
import type { EdgeRole } from './mapping-lineage';
import { EDGE_ROLES, likelyEdgesTable, lineageForTable } from './mapping-lineage';

const LABELS: Readonly<Record<EdgeRole, readonly [string, string]>> = {
  source: ['Source', 'The node an edge comes from (a table, column or job name)'],
  target: ['Target', 'The node an edge goes to'],
  relationship: ['Relationship', 'What the edge is (DERIVES_FROM, JOINS…), shown on hover'],
  validFrom: ['Created', 'When the edge started to hold; the as-of control reads it'],
  validTo: ['Invalidated', 'When the edge stopped holding (empty: still holds)'],
  recordedBy: ['Run', 'The run that recorded the edge, as the runs table keys it'],
};

/** Card 3: the lineage edges. */
export function LineageSection({ draft, tables, onChange }: {
  readonly draft: MappingDraft;
  readonly tables: readonly TableInfo[];
  readonly onChange: (draft: MappingDraft) => void;
}) {
  const id = useId();
  const edges = tableByLabel(tables, draft.edgesTable);
  const pick = (label: string): MappingDraft => ({ ...draft, ...lineageForTable(tables, label) });
  return (
    <fieldset className="map-card" data-testid="map-lineage">
      <legend>
        <span className="map-step-no">3</span> Lineage <span className="muted map-optional">optional</span>
      </legend>
      <label className="map-check">
        <input type="checkbox" data-testid="map-with-lineage" checked={draft.withLineage}
          onChange={(e) => onChange(e.target.checked ? pick(draft.edgesTable || likelyEdgesTable(tables, [draft.runsTable, draft.stepsTable])) : { ...draft, withLineage: false })} />
        A table holds lineage edges (a source and a target per row)
      </label>
      {draft.withLineage && (
        <>
          <FieldRow label="Edges table" htmlFor={`${id}-table`}>
            <select id={`${id}-table`} data-testid="map-edges-table" value={draft.edgesTable} onChange={(e) => onChange(pick(e.target.value))}>
              <option value="">Choose a table…</option>
              {tables.map((t) => <option key={tableLabel(t)} value={tableLabel(t)}>{tableLabel(t)}</option>)}
            </select>
          </FieldRow>
          {EDGE_ROLES.map((role) => (
            <FieldRow key={role} label={LABELS[role][0]} hint={LABELS[role][1]} htmlFor={`${id}-${role}`}>
              <ColumnSelect id={`${id}-${role}`} table={edges} value={draft.edgeRoles[role]} testId={`map-edge-${role}`} label={`Edge ${LABELS[role][0].toLowerCase()}`}
                onChange={(c) => onChange({ ...draft, edgeRoles: { ...draft.edgeRoles, [role]: c } })} />
            </FieldRow>
          ))}
        </>
      )}
    </fieldset>
  );
}
