/**
 * The two cards of the mapping form: 1 · Runs (table, key, roles, duration, time zone) and
 * 2 · Steps (suggested joins with their overlap, table, join, order, roles).
 */
import { useId } from 'react';
import type { MappingSuggestions } from '../../../../shared/api/contract';
import type { TableInfo } from '../../../../shared/model/catalog';
import { tableLabel } from '../../../../shared/model/catalog';
import type { MappingDraft, RunRole, StepRole } from './mapping-draft';
import {
  RUN_ROLES, STEP_ROLES, applyJoin, draftForRunsTable, formatOverlap, joinsFor, rankRunsTables, setRunKey, setStepsTable, tableByLabel,
} from './mapping-draft';
import { ColumnChips, ColumnSelect, FieldRow, OrderChips } from './mapping-fields';

const RUN_ROLE_LABELS: Readonly<Record<RunRole, string>> = { name: 'Name', started: 'Started', ended: 'Ended', status: 'Status', actor: 'Actor', message: 'Message' };
const STEP_ROLE_LABELS: Readonly<Record<StepRole, string>> = { name: 'Name', at: 'Time', status: 'Status', message: 'Message' };

/** What both cards get. */
interface SectionProps {
  readonly draft: MappingDraft;
  readonly tables: readonly TableInfo[];
  readonly suggestions: MappingSuggestions | null;
  readonly onChange: (draft: MappingDraft) => void;
}

/** Card 1: the runs. */
export function RunsSection({ draft, tables, suggestions, onChange }: SectionProps) {
  const id = useId();
  const runs = tableByLabel(tables, draft.runsTable);
  const ranked = rankRunsTables(tables, suggestions);
  const suggested = ranked.filter((r) => r.suggested);
  const others = ranked.filter((r) => !r.suggested);
  const option = (t: TableInfo) => <option key={tableLabel(t)} value={tableLabel(t)}>{tableLabel(t)}</option>;
  return (
    <fieldset className="map-card" data-testid="map-runs">
      <legend><span className="map-step-no">1</span> Runs</legend>
      <FieldRow label="Runs table" htmlFor={`${id}-table`} hint="The table with one row per run">
        <select id={`${id}-table`} data-testid="map-runs-table" value={draft.runsTable}
          onChange={(e) => onChange(draftForRunsTable(tables, suggestions, e.target.value, { ...draft }))}>
          {draft.runsTable === '' && <option value="">Choose a table…</option>}
          {suggested.length > 0 && <optgroup label="Suggested">{suggested.map((r) => option(r.table))}</optgroup>}
          {others.length > 0 && <optgroup label={suggested.length > 0 ? 'Other tables' : 'Tables'}>{others.map((r) => option(r.table))}</optgroup>}
        </select>
      </FieldRow>
      <FieldRow label="Run key" hint="The column or columns that identify one run">
        <ColumnChips table={runs} value={draft.runKey} testId="map-run-key" label="the run key" addText={draft.runKey.length === 0 ? 'pick…' : 'add…'}
          onChange={(key) => onChange(setRunKey(draft, key, tables))} />
      </FieldRow>
      {RUN_ROLES.map((role) => (
        <FieldRow key={role} label={RUN_ROLE_LABELS[role]} htmlFor={`${id}-${role}`}>
          <ColumnSelect id={`${id}-${role}`} table={runs} value={draft.runRoles[role]} testId={`map-run-${role}`} label={`Run ${role}`}
            onChange={(c) => onChange({ ...draft, runRoles: { ...draft.runRoles, [role]: c } })} />
        </FieldRow>
      ))}
      <FieldRow label="Duration" htmlFor={`${id}-duration`} hint="A column holding the run's duration; else Ended − Started">
        <div className="map-inline">
          <ColumnSelect id={`${id}-duration`} table={runs} value={draft.duration} testId="map-run-duration" label="Run duration" noneText="— (Ended − Started)"
            onChange={(c) => onChange({ ...draft, duration: c })} />
          <select data-testid="map-run-duration-unit" aria-label="Duration unit" value={draft.durationUnit} disabled={draft.duration === ''}
            onChange={(e) => onChange({ ...draft, durationUnit: e.target.value === 'ms' ? 'ms' : 's' })}>
            <option value="s">seconds</option>
            <option value="ms">milliseconds</option>
          </select>
        </div>
      </FieldRow>
      <FieldRow label="Times without zone" htmlFor={`${id}-naive`} hint="How to read stored times that carry no time zone">
        <select id={`${id}-naive`} data-testid="map-naive-time" value={draft.naiveTime} onChange={(e) => onChange({ ...draft, naiveTime: e.target.value === 'local' ? 'local' : 'utc' })}>
          <option value="utc">are UTC</option>
          <option value="local">are the writer's local time</option>
        </select>
      </FieldRow>
    </fieldset>
  );
}

/** Card 2: the steps, optional. */
export function StepsSection({ draft, tables, suggestions, onChange }: SectionProps) {
  const id = useId();
  const steps = tableByLabel(tables, draft.stepsTable);
  const runs = tableByLabel(tables, draft.runsTable);
  const joins = joinsFor(suggestions, draft.runsTable);
  const isPicked = (j: (typeof joins)[number]): boolean =>
    draft.withSteps && tableLabel(j.stepsTable) === draft.stepsTable
    && j.pairs.length === draft.runKey.length && j.pairs.every((p, i) => p.runs === draft.runKey[i] && p.steps === draft.stepKey[i]);
  return (
    <fieldset className="map-card" data-testid="map-steps">
      <legend>
        <span className="map-step-no">2</span> Steps <span className="muted map-optional">optional</span>
      </legend>
      <label className="map-check">
        <input type="checkbox" data-testid="map-with-steps" checked={draft.withSteps}
          onChange={(e) => onChange(e.target.checked ? (joins[0] ? applyJoin(draft, joins[0], tables, suggestions) : { ...draft, withSteps: true }) : { ...draft, withSteps: false })} />
        Each run has steps in another table
      </label>
      {draft.withSteps && (
        <>
          {joins.length > 0 && (
            <div className="map-joins" role="group" aria-label="Suggested joins">
              <span className="map-label">Suggested joins</span>
              <ul>
                {joins.map((j, i) => (
                  <li key={i}>
                    <button type="button" className={`map-join${isPicked(j) ? ' picked' : ''}`} data-testid="map-join" aria-pressed={isPicked(j)}
                      data-steps-table={tableLabel(j.stepsTable)} onClick={() => onChange(applyJoin(draft, j, tables, suggestions))}>
                      <span className="map-join-check" aria-hidden="true">{isPicked(j) ? '●' : '○'}</span>
                      <span className="map-join-table">{tableLabel(j.stepsTable)}</span>
                      <span className="map-join-pairs">{j.pairs.map((p) => `${p.runs} = ${p.steps}`).join(', ')}</span>
                      <span className="map-join-reason">{j.reason === 'foreign-key' ? 'foreign key' : 'same name'}</span>
                      <span className="map-join-overlap" data-testid="map-join-overlap" title="Of the sampled step key values, how many exist among the runs">{formatOverlap(j.overlap)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <FieldRow label="Steps table" htmlFor={`${id}-table`}>
            <select id={`${id}-table`} data-testid="map-steps-table" value={draft.stepsTable} onChange={(e) => onChange(setStepsTable(draft, e.target.value, tables, suggestions))}>
              <option value="">Choose a table…</option>
              {tables.filter((t) => tableLabel(t) !== draft.runsTable).map((t) => <option key={tableLabel(t)} value={tableLabel(t)}>{tableLabel(t)}</option>)}
            </select>
          </FieldRow>
          <FieldRow label="Join" hint="For each run key column, the steps column that holds it">
            {draft.runKey.length === 0 ? (
              <span className="muted">Pick the run key first.</span>
            ) : (
              <div className="map-join-rows">
                {draft.runKey.map((k, i) => (
                  <div key={k} className="map-inline">
                    <span className="map-key-name" title={runs ? `${tableLabel(runs)}.${k}` : k}>{k}</span>
                    <span className="muted">=</span>
                    <ColumnSelect table={steps} value={draft.stepKey[i] ?? ''} testId="map-step-key" label={`Steps column joined to ${k}`}
                      onChange={(c) => onChange({ ...draft, stepKey: draft.runKey.map((_, j) => (j === i ? c : draft.stepKey[j] ?? '')) })} />
                  </div>
                ))}
              </div>
            )}
          </FieldRow>
          <FieldRow label="Order" hint="How a run's steps are ordered (empty positions last)">
            <OrderChips table={steps} value={draft.stepOrder} onChange={(stepOrder) => onChange({ ...draft, stepOrder })} />
          </FieldRow>
          {STEP_ROLES.map((role) => (
            <FieldRow key={role} label={STEP_ROLE_LABELS[role]} htmlFor={`${id}-${role}`}>
              <ColumnSelect id={`${id}-${role}`} table={steps} value={draft.stepRoles[role]} testId={`map-step-${role}`} label={`Step ${role}`}
                onChange={(c) => onChange({ ...draft, stepRoles: { ...draft.stepRoles, [role]: c } })} />
            </FieldRow>
          ))}
        </>
      )}
    </fieldset>
  );
}
