/** What hovering a bar shows: name, status, start, end, duration and message. */
import type { TimelineBar } from '../../../../shared/model/timeline';
import { STATUS_STYLES } from '../../../../shared/timeline/status-style';
import { formatDuration } from '../../../../shared/timeline/time-ticks';
import type { TimeZoneMode } from '../time-display';
import { instantText } from './instant-text';

/** The tooltip of a hovered bar, placed beside the pointer and kept inside the plot. */
export function BarTooltip({ bar, zone, nowMs, left, top, maxLeft }: {
  readonly bar: TimelineBar;
  readonly zone: TimeZoneMode;
  readonly nowMs: number;
  readonly left: number;
  readonly top: number;
  readonly maxLeft: number;
}) {
  const st = STATUS_STYLES[bar.status];
  const end = bar.running ? nowMs : bar.endMs;
  const x = Math.min(left + 14, Math.max(0, maxLeft - 330));
  return (
    <div className="timeline-tooltip" data-testid="timeline-tooltip" style={{ left: x, top: top + 16 }} role="tooltip">
      <div className="timeline-tooltip-name"><span className={`status-pill status-${bar.status}`}>{st.glyph} {st.word}</span> <strong>{bar.name ?? bar.id}</strong></div>
      <dl>
        <dt>Start</dt><dd>{instantText(bar.startMs, zone)}</dd>
        <dt>End</dt><dd>{bar.running ? 'still running' : bar.endMs === null ? 'no end (a point in time)' : instantText(bar.endMs, zone)}</dd>
        <dt>Duration</dt><dd>{end === null ? '—' : formatDuration(end - bar.startMs)}{bar.running ? ' so far' : ''}</dd>
        {bar.usualMs !== undefined && <><dt>Usual (p90)</dt><dd>{formatDuration(bar.usualMs)}{bar.slowerThanUsual ? ' · slower than usual' : ''}</dd></>}
        {bar.message !== null && bar.message !== '' && <><dt>Message</dt><dd className="timeline-tooltip-message">{bar.message}</dd></>}
      </dl>
    </div>
  );
}
