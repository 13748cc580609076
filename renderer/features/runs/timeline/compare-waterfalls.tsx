/**
 * Two runs' waterfalls aligned at their starts: per step name, run A's bar above run B's, both on
 * one axis of time since their run began, and the difference in duration beside the name, marked
 * when B took markedly longer (▲, red) or shorter (▼, green). The matching and the axis are
 * shared/timeline/waterfall-compare; this draws them, only the rows in view (a run may have
 * thousands of steps).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineResult } from '../../../../shared/model/timeline';
import { wallText, zoneText } from '../../../../shared/timeline/picture-time';
import { STATUS_STYLES } from '../../../../shared/timeline/status-style';
import { formatDuration } from '../../../../shared/timeline/time-ticks';
import type { CompareRow, CompareSide, DurationChange } from '../../../../shared/timeline/waterfall-compare';
import { compareWaterfalls, deltaText, offsetTicks, offsetX, visibleCompareRows } from '../../../../shared/timeline/waterfall-compare';
import { useDark } from './use-dark';

const ROW_H = 26;
const AXIS_H = 22;
const NAME_W = 260;
/** Rows drawn beyond the viewport on each side, so a scroll does not show blank rows first. */
const OVERSCAN = 10;

const CHANGE_MARK: Readonly<Record<DurationChange, string>> = {
  slower: '▲', faster: '▼', same: '', 'only-a': '', 'only-b': '', 'no-duration': '',
};

/** What a row's difference says in words (the label, the screen reader). */
function changeText(r: CompareRow): string {
  switch (r.change) {
    case 'only-a': return 'only in A';
    case 'only-b': return 'only in B';
    case 'no-duration': return 'no duration';
    default: return r.deltaMs === null ? '' : deltaText(r.deltaMs);
  }
}

function sideText(s: CompareSide | null): string {
  return s === null ? 'absent' : `${s.durationMs === null ? 'a point' : formatDuration(s.durationMs)} from +${formatDuration(s.offsetMs)}, ${STATUS_STYLES[s.status].word}`;
}

/** The comparison of the opened run (A) with another run of its name (B). */
export function CompareWaterfalls({ a, b, titleA, titleB, width, minDurationMs, nowMs, offsetMin }: {
  readonly a: TimelineResult;
  readonly b: TimelineResult;
  readonly titleA: string;
  readonly titleB: string;
  readonly width: number;
  readonly minDurationMs: number;
  readonly nowMs: number;
  /** Minutes east of UTC the start times are written in. */
  readonly offsetMin: number;
}) {
  const dark = useDark();
  const cmp = useMemo(() => compareWaterfalls(a, b, nowMs), [a, b, nowMs]);
  const rows = useMemo(() => visibleCompareRows(cmp.rows, minDurationMs), [cmp.rows, minDurationMs]);
  const plotW = Math.max(120, width - NAME_W - 24);
  const ticks = useMemo(() => offsetTicks(cmp.spanMs, plotW, 90), [cmp.spanMs, plotW]);
  const [scrollTop, setScrollTop] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) {
      return undefined;
    }
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const bodyH = Math.max(ROW_H, height - AXIS_H);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + bodyH) / ROW_H) + OVERSCAN);
  const x = (ms: number): number => offsetX(ms, cmp.spanMs, plotW);
  const changed = rows.filter((r) => r.change === 'slower' || r.change === 'faster').length;
  const run = (key: 'a' | 'b', r: TimelineResult, title: string) => {
    const d = cmp[key].durationMs;
    return (
      <span className={`compare-run compare-run-${key}`} data-testid={`compare-run-${key}`}>
        <span className={`compare-key compare-key-${key}`} aria-hidden="true" />
        <strong>{key.toUpperCase()}</strong> {title}
        <span className="muted"> · {r.run ? `${wallText(r.run.startMs, offsetMin)} ${zoneText(offsetMin)}` : ''} · took {d === null ? '—' : formatDuration(d)}</span>
        {key === 'b' && cmp.deltaMs !== null && (
          <span className={`compare-delta change-${cmp.change}`} data-testid="compare-total-delta"> ({CHANGE_MARK[cmp.change]}{deltaText(cmp.deltaMs)})</span>
        )}
      </span>
    );
  };
  return (
    <div className="compare-waterfalls" data-testid="compare-waterfalls" data-rows={rows.length} data-changed={changed}>
      <div className="compare-head">
        {run('a', a, titleA)}
        {run('b', b, titleB)}
        <span className="muted compare-note">
          Aligned at each run&apos;s start · {changed.toLocaleString()} of {rows.length.toLocaleString()} steps differ by more than 20 %
          {cmp.uncompared > 0 ? ` · ${cmp.uncompared.toLocaleString()} steps not compared (too many to list)` : ''}
        </span>
      </div>
      <div className="compare-body" ref={body} tabIndex={0} role="list" aria-label={`Steps of ${titleA} (A) and ${titleB} (B)`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="compare-axis" style={{ height: AXIS_H }}>
          <span className="compare-axis-name muted" style={{ width: NAME_W }}>Step · B − A</span>
          <svg width={plotW + 12} height={AXIS_H} aria-hidden="true">
            <PatternDefs />
            {ticks.map((t) => (
              <g key={t.ms} transform={`translate(${t.x + 0.5},0)`}>
                <line y1={AXIS_H - 6} y2={AXIS_H} className="compare-tick" />
                <text x={3} y={AXIS_H - 8} className="compare-tick-label">{t.label}</text>
              </g>
            ))}
          </svg>
        </div>
        <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
          {rows.slice(first, last).map((r, k) => {
            const i = first + k;
            const text = changeText(r);
            return (
              <div key={r.key} role="listitem" className={`compare-row change-${r.change}`} style={{ top: i * ROW_H, height: ROW_H }}
                data-testid="compare-row" data-name={r.name} data-change={r.change}
                aria-label={`${r.name}${r.occurrence > 1 ? ` (${r.occurrence})` : ''}: A ${sideText(r.a)}; B ${sideText(r.b)}; ${text}`}>
                <span className="compare-name" style={{ width: NAME_W }} title={r.name}>
                  <span className="compare-name-text">{r.name}{r.occurrence > 1 ? <span className="muted"> ×{r.occurrence}</span> : null}</span>
                  <span className={`compare-delta change-${r.change}`} data-testid="compare-delta">{CHANGE_MARK[r.change]}{text}</span>
                </span>
                <svg width={plotW + 12} height={ROW_H} aria-hidden="true">
                  {ticks.map((t) => <line key={t.ms} x1={t.x + 0.5} x2={t.x + 0.5} y1={0} y2={ROW_H} className="compare-grid" />)}
                  {r.a && <SideBar side={r.a} which="a" x={x} dark={dark} />}
                  {r.b && <SideBar side={r.b} which="b" x={x} dark={dark} emphasis={r.change === 'slower' || r.change === 'faster' ? r.change : null} />}
                </svg>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SideBar({ side, which, x, dark, emphasis = null }: {
  readonly side: CompareSide;
  readonly which: 'a' | 'b';
  readonly x: (ms: number) => number;
  readonly dark: boolean;
  readonly emphasis?: 'slower' | 'faster' | null;
}) {
  const style = STATUS_STYLES[side.status];
  const y = which === 'a' ? 4 : 13;
  const h = which === 'a' ? 7 : 9;
  const x0 = x(side.offsetMs);
  const title = `${which.toUpperCase()}: ${side.durationMs === null ? 'a point event' : formatDuration(side.durationMs)}, starting +${formatDuration(side.offsetMs)} (${style.word})`;
  if (side.durationMs === null) {
    return <path d={`M${x0},${y} v${h}`} className={`compare-tick-mark compare-${which}`} stroke={style.stroke} strokeWidth={2}><title>{title}</title></path>;
  }
  const w = Math.max(2, x(side.offsetMs + side.durationMs) - x0);
  const pattern = style.pattern === 'solid' || style.pattern === 'hollow' ? null : style.pattern;
  return (
    <g>
      <rect x={x0} y={y} width={w} height={h} rx={1.5} fill={dark ? style.fillDark : style.fill} stroke={emphasis ? undefined : style.stroke}
        className={`compare-bar compare-${which}${emphasis ? ` emphasis-${emphasis}` : ''} pattern-${style.pattern}`}>
        <title>{title}</title>
      </rect>
      {pattern && <rect x={x0} y={y} width={w} height={h} rx={1.5} fill={`url(#compare-${pattern})`} pointerEvents="none" />}
    </g>
  );
}

/** The status patterns (so a failed bar reads as failed without its colour), once per view. */
function PatternDefs() {
  return (
    <defs>
      <pattern id="compare-cross-hatch" width={5} height={5} patternUnits="userSpaceOnUse">
        <path d="M0,0 L5,5 M5,0 L0,5" stroke="rgba(0,0,0,.5)" strokeWidth={0.8} />
      </pattern>
      <pattern id="compare-stripes" width={5} height={5} patternUnits="userSpaceOnUse">
        <path d="M0,5 L5,0" stroke="rgba(0,0,0,.4)" strokeWidth={0.8} />
      </pattern>
      <pattern id="compare-dots" width={4} height={4} patternUnits="userSpaceOnUse">
        <circle cx={2} cy={2} r={0.8} fill="rgba(0,0,0,.5)" />
      </pattern>
    </defs>
  );
}
