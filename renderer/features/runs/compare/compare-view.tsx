/**
 * The comparison tab: both runs' headline fields side by side, then their steps matched by
 * name and occurrence (`runs.compare`), rows coloured where the status (red-ish) or the duration
 * (amber) differs, and an em-dash on the side a step is missing from.
 */
import { useState } from 'react';
import type { FormatSummary, RunComparison } from '../../../../shared/api/contract';
import type { ComparedSide } from '../../../../shared/model/compare-runs';
import type { CellValue } from '../../../../shared/model/values';
import { cellToText } from '../../../../shared/model/values';
import { useOpenStore } from '../../../app/store-context';
import { useApiCall } from '../../../app/use-api-call';
import { CellValueText } from '../../../components/cell-value';
import { durationSeconds, formatDuration } from '../duration-format';
import { TimeText } from '../run-cells';
import { RUN_HEADERS, TIME_COLUMNS } from '../run-columns';
import type { CompareTab } from '../run-tabs';
import { StatusPill } from '../status-pill';
import type { TimeZoneMode } from '../time-display';
import { MISSING, compareRowClass, compareSummary, hasMessages, headlineRows, shownSteps, sideDuration, sideMessage, sideOffset, summaryText } from './compare-rows';
import './compare.css';

/** The content of a comparison's tab. */
export function CompareView({ format, tab, zone }: {
  readonly format: FormatSummary;
  readonly tab: CompareTab;
  readonly zone: TimeZoneMode;
}) {
  const { storeId } = useOpenStore();
  const compared = useApiCall('runs.compare', { storeId, format: format.key, a: [...tab.a], b: [...tab.b] });
  const [onlyDifferences, setOnlyDifferences] = useState(false);

  if (compared.error) {
    return <div className="empty-main field-error" role="alert" data-testid="compare-error">{compared.error.message}</div>;
  }
  if (compared.value === null) {
    return <div className="empty-main muted" data-testid="compare-loading">Comparing the two runs…</div>;
  }
  const c = compared.value;
  const steps = shownSteps(c.steps, onlyDifferences);
  const summary = compareSummary(c.steps);
  const rawAt = c.columns.indexOf('raw_status');
  const raw = (row: RunComparison['a']): CellValue | undefined => (rawAt >= 0 ? row[rawAt] : undefined);
  const messages = hasMessages(c.steps);
  return (
    <section className="compare" data-testid="compare-panel">
      <div className="pane-bar">
        <strong className="compare-title">{tab.title}</strong>
        <span className="muted pane-count" data-testid="compare-summary">{summaryText(summary)}</span>
        <span className="spacer" />
        <label className="compare-only">
          <input type="checkbox" data-testid="compare-only-differences" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
          Only differences
        </label>
      </div>
      <div className="compare-body">
        <table className="compare-headline" data-testid="compare-headline">
          <thead>
            <tr><th scope="col" /><th scope="col">Run A</th><th scope="col">Run B</th></tr>
          </thead>
          <tbody>
            {headlineRows(c).map((h) => (
              <tr key={h.column} className={h.differs ? 'differs' : undefined} data-column={h.column}>
                <th scope="row">{RUN_HEADERS[h.column as keyof typeof RUN_HEADERS] ?? h.column}</th>
                <td title={h.a === null ? undefined : cellToText(h.a)}><HeadlineValue column={h.column} cell={h.a} raw={raw(c.a)} zone={zone} /></td>
                <td title={h.b === null ? undefined : cellToText(h.b)}><HeadlineValue column={h.column} cell={h.b} raw={raw(c.b)} zone={zone} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="compare-steps" data-testid="compare-steps">
          <thead>
            <tr>
              <th scope="col" className="cmp-step">Step</th>
              <th scope="col" className="cmp-num" title="Occurrence: 2 for the second step of this name in a run">#</th>
              <th scope="col" className="cmp-a">Status A</th>
              <th scope="col">Status B</th>
              <th scope="col" className="cmp-num cmp-a">Duration A</th>
              <th scope="col" className="cmp-num">Duration B</th>
              <th scope="col" className="cmp-num cmp-a">Offset A</th>
              <th scope="col" className="cmp-num">Offset B</th>
              {messages && <th scope="col" className="cmp-msg cmp-a">Message A</th>}
              {messages && <th scope="col" className="cmp-msg">Message B</th>}
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={`${s.occurrence}\u0000${s.name}`} className={compareRowClass(s)} data-testid="compare-step"
                data-status-differs={s.statusDiffers} data-duration-differs={s.durationDiffers}>
                <td className="cmp-step" title={s.name}>{s.name}</td>
                <td className="cmp-num muted">{s.occurrence > 1 ? s.occurrence : ''}</td>
                <td className="cmp-a">{s.a ? <StatusPill status={s.a.status} raw={s.a.rawStatus} /> : <span className="cmp-missing">{MISSING}</span>}</td>
                <td>{s.b ? <StatusPill status={s.b.status} raw={s.b.rawStatus} /> : <span className="cmp-missing">{MISSING}</span>}</td>
                <td className="cmp-num cmp-a"><SideText text={sideDuration(s.a)} /></td>
                <td className="cmp-num"><SideText text={sideDuration(s.b)} /></td>
                <td className="cmp-num cmp-a muted"><SideText text={sideOffset(s.a)} /></td>
                <td className="cmp-num muted"><SideText text={sideOffset(s.b)} /></td>
                {messages && <MessageCell side={s.a} className="cmp-msg cmp-a" testId="compare-message-a" />}
                {messages && <MessageCell side={s.b} className="cmp-msg" testId="compare-message-b" />}
              </tr>
            ))}
          </tbody>
        </table>
        {steps.length === 0 && <p className="muted compare-note">{c.steps.length === 0 ? 'Neither run has steps.' : 'The two runs have the same steps, statuses and durations.'}</p>}
      </div>
    </section>
  );
}

/** A duration or offset; the em-dash of a missing side is dimmed like the missing status. */
function SideText({ text }: { readonly text: string }) {
  return text === MISSING ? <span className="cmp-missing">{MISSING}</span> : <>{text}</>;
}

/** A side's step message, cut to the column with the whole text as its tooltip. */
function MessageCell({ side, className, testId }: { readonly side: ComparedSide | null; readonly className: string; readonly testId: string }) {
  return <td className={className} data-testid={testId} title={side?.message ?? undefined}><SideText text={sideMessage(side)} /></td>;
}

function HeadlineValue({ column, cell, raw, zone }: { readonly column: string; readonly cell: CellValue; readonly raw: CellValue | undefined; readonly zone: TimeZoneMode }) {
  if (column === 'status') {
    return <StatusPill status={cell} raw={raw} />;
  }
  if (cell !== null && TIME_COLUMNS.has(column)) {
    return <TimeText stored={cellToText(cell)} zone={zone} maxFractionDigits={3} />;
  }
  if (cell !== null && column === 'duration_s') {
    return <>{formatDuration(durationSeconds(cell))}</>;
  }
  return <CellValueText cell={cell} />;
}
