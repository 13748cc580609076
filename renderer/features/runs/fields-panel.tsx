/**
 * Every field of one run or step, in the row detail's style: friendly labels, status pills,
 * times in the chosen zone (with the stored text), durations, and JSON text pretty-printed.
 * Values are rendered as text only.
 */
import type { ReactNode } from 'react';
import type { CellValue } from '../../../shared/model/values';
import { withShortcut } from '../../app/shortcuts';
import { cellToText } from '../../../shared/model/values';
import { CellValueText } from '../../components/cell-value';
import { prettyJson } from '../../components/json-pretty';
import { durationContradiction, durationSeconds, formatDuration } from './duration-format';
import type { ViewKind } from './run-columns';
import { TIME_COLUMNS, columnRole, headerLabel } from './run-columns';
import { StatusPill } from './status-pill';
import type { TimeZoneMode } from './time-display';
import { TimeText } from './run-cells';

/** The fields panel. */
export function FieldsPanel({ kind, ownTable, fields, zone, title, note, onClose, testId, className, ownDuration }: {
  readonly kind: ViewKind;
  readonly ownTable: string | null;
  readonly fields: readonly (readonly [string, CellValue])[];
  readonly zone: TimeZoneMode;
  readonly title: ReactNode;
  readonly note?: string;
  /** Shows a close button (Escape closes too, handled by the view). */
  readonly onClose?: () => void;
  readonly testId: string;
  readonly className?: string;
  /** The format's own duration figure, compared with the shown end − start. */
  readonly ownDuration?: { readonly column: string; readonly unit: 's' | 'ms' } | undefined;
}) {
  const shown = fields.filter(([column]) => columnRole(kind, column, ownTable) !== 'internal');
  const raw = new Map(fields);
  return (
    <aside className={`row-detail${className ? ` ${className}` : ''}`} data-testid={testId} aria-label={typeof title === 'string' ? title : 'Detail'}>
      <header className="row-detail-head">
        <strong className="fields-title">{title}</strong>
        {note && <span className="muted">{note}</span>}
        <span className="spacer" />
        {onClose && (
          <button type="button" className="icon-button" data-testid={`${testId}-close`} aria-label={withShortcut('Close', 'close')} title={withShortcut('Close', 'close')} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <dl className="row-detail-fields">
        {shown.map(([column, cell]) => {
          const label = headerLabel(kind, column, ownTable);
          return (
            <div className="detail-field" key={column} data-testid="detail-field" data-column={column}>
              <dt>
                {label}
                {label !== column && <span className="muted"> {column}</span>}
              </dt>
              <dd>
                <FieldValue normal={columnRole(kind, column, ownTable) === 'normal'} column={column} cell={cell} raw={raw} zone={zone} ownDuration={ownDuration} />
              </dd>
            </div>
          );
        })}
      </dl>
    </aside>
  );
}

function FieldValue({ normal, column, cell, raw, zone, ownDuration }: {
  readonly normal: boolean;
  readonly column: string;
  readonly cell: CellValue;
  readonly raw: ReadonlyMap<string, CellValue>;
  readonly zone: TimeZoneMode;
  readonly ownDuration: { readonly column: string; readonly unit: 's' | 'ms' } | undefined;
}) {
  if (normal && column === 'status') {
    return <StatusPill status={cell} raw={raw.get('raw_status')} />;
  }
  if (normal && cell !== null && TIME_COLUMNS.has(column)) {
    return <div className="detail-text"><TimeText stored={cellToText(cell)} zone={zone} /></div>;
  }
  if (normal && cell !== null && column === 'duration_s') {
    const shown = formatDuration(durationSeconds(cell));
    const stored = `${cellToText(cell)} s`;
    // End − start is shown; the format's own figure, when it says otherwise, is flagged, not printed as the duration.
    const own = ownDuration ? durationContradiction(cell, raw.get(ownDuration.column), ownDuration.unit) : null;
    const ownName = ownDuration?.column.slice(ownDuration.column.indexOf('.') + 1) ?? '';
    return (
      <div className="detail-text">
        {shown}
        {shown !== stored && <span className="muted"> ({stored})</span>}
        {own !== null && (
          <div className="duration-contradiction" data-testid="duration-contradiction">
            ⚠ end − start; the store&apos;s {ownName} says {formatDuration(own)}
          </div>
        )}
      </div>
    );
  }
  const json = typeof cell === 'string' ? prettyJson(cell) : null;
  if (json !== null) {
    return <pre className="detail-json" data-testid="detail-json">{json}</pre>;
  }
  return <div className="detail-text"><CellValueText cell={cell} /></div>;
}
