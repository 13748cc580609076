/** The sentence a screen reader hears when a bar is selected. */
import type { TimelineBar } from '../../../../shared/model/timeline';
import { STATUS_STYLES } from '../../../../shared/timeline/status-style';
import { formatDuration } from '../../../../shared/timeline/time-ticks';
import type { TimeZoneMode } from '../time-display';
import { instantText } from './instant-text';

/** "Selected run stg_orders, failed, started 2026-03-03 10:04:05 UTC, took 3 min 20 s." */
export function announce(b: TimelineBar, zone: TimeZoneMode, nowMs: number, what: 'run' | 'step'): string {
  const end = b.running ? nowMs : b.endMs;
  const took = end === null ? 'no end recorded' : `${b.running ? 'running for' : 'took'} ${formatDuration(end - b.startMs)}`;
  return `Selected ${what} ${b.name ?? b.id}, ${STATUS_STYLES[b.status].word}, started ${instantText(b.startMs, zone)}, ${took}.`;
}
