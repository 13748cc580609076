/**
 * The timeline picture writer: its structure (title, window, ruler, lanes, legend), that every
 * status is told apart by more than hue, escaping of hostile store text, a run's waterfall with
 * nested groups, buckets, and cuts. Well-formedness is checked by resvg's strict XML parser
 * (roxmltree), the parser the PNG goes through.
 */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { StatusClass } from '../../../shared/model/status';
import { STATUS_CLASSES } from '../../../shared/model/status';
import type { TimelineBar, TimelineLane, TimelineResult } from '../../../shared/model/timeline';
import { timelineSvg } from '../../../shared/timeline/timeline-svg';

const T0 = Date.UTC(2026, 9, 12, 8, 0, 0);
const MIN = 60_000;

function bar(id: string, startMin: number, endMin: number | null, status: StatusClass, extra: Partial<TimelineBar> = {}): TimelineBar {
  return {
    id, runKey: [id], name: id, startMs: T0 + startMin * MIN, endMs: endMin === null ? null : T0 + endMin * MIN,
    running: false, status, parent: null, message: null, ...extra,
  };
}

function lane(label: string, bars: readonly TimelineBar[], extra: Partial<TimelineLane> = {}): TimelineLane {
  return { key: label, label, count: bars.length, bars, buckets: [], ...extra };
}

/** An overview with a lane per status, a running run, a run with no end, and a lane of buckets. */
function overview(): TimelineResult {
  const lanes = [
    lane('orders', [bar('o1', 0, 40, 'ok'), bar('o2', 60, 62, 'ok')]),
    lane('payments', [bar('p1', 10, 50, 'failed', { message: 'division by zero' })]),
    lane('refunds', [bar('r1', 100, null, 'running', { running: true })]),
    lane('shipments', [bar('s1', 20, 70, 'skipped')]),
    lane('sessions', [bar('u1', 30, 90, 'unknown'), bar('u2', 95, null, 'ok')]),
    {
      key: 'busy', label: 'busy', count: 130, bars: [],
      buckets: [
        { fromMs: T0, toMs: T0 + 60 * MIN, count: 100, byStatus: { ok: 97, failed: 3 } },
        { fromMs: T0 + 60 * MIN, toMs: T0 + 120 * MIN, count: 30, byStatus: { ok: 30 } },
      ],
    },
  ];
  return { window: { fromMs: T0, toMs: T0 + 120 * MIN }, laneColumn: 'model_name', lanes, moreLanes: 0, total: 137, untimed: 0, items: 'runs' };
}

/** A failed run: two steps (one failed, one slower than usual), on a critical path, and a nested run. */
function waterfall(): TimelineResult {
  const run = bar('inv-1 / mart', 0, 10, 'failed', { name: 'mart_revenue_daily', message: 'relation "raw.x" does not exist' });
  const steps = [
    lane('compile', [bar('0', 0, 4, 'ok', { name: 'compile', slowerThanUsual: true, usualMs: 2 * MIN })], { key: 0, kind: 'step' }),
    lane('execute', [bar('1', 4, 10, 'failed', { name: 'execute', message: 'Timeout: statement exceeded 900 seconds' })], { key: 1, kind: 'step' }),
  ];
  const child = lane('child-run', [bar('c1', 5, 9, 'ok', { name: 'child-run', parent: 'inv-1 / mart' })], { key: 'c1', kind: 'child' });
  return {
    window: { fromMs: T0, toMs: T0 + 10 * MIN }, laneColumn: null, lanes: [...steps, child], moreLanes: 0, total: 3, untimed: 0,
    items: 'steps', nesting: 'parent-run', run, criticalPath: ['0', '1'], criticalPathBasis: 'back-to-back',
  };
}

/** Throws unless the SVG is well-formed XML that resvg can draw. */
function parse(svg: string): Resvg {
  return new Resvg(svg, { font: { loadSystemFonts: false } });
}

function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

describe('timelineSvg: a runs overview', () => {
  const svg = timelineSvg(overview(), { zone: 'utc', widthPx: 1_600, title: 'dbt audit log', source: 'demo.db' });

  it('is a well-formed SVG of the width asked for', () => {
    const r = parse(svg);
    expect(r.width).toBe(1_600);
    expect(r.height).toBeGreaterThan(200);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1600" height="\d+"/);
  });

  it('says what, where from and when, in the zone asked for', () => {
    expect(svg).toContain('<title id="al-title">dbt audit log: runs by model_name</title>');
    expect(svg).toContain('demo.db');
    expect(svg).toContain('2026-10-12 08:00:00 → 10:00:00 UTC');
    expect(svg).toContain('137 runs in 6 lanes, 4 failed');
  });

  it('draws a ruler whose ticks fall inside the window, at round times', () => {
    const ticks = [...svg.matchAll(/data-tick="(\d+)"[^>]*>([^<]+)</g)].map((m) => ({ ms: Number(m[1]), label: m[2] }));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) {
      expect(t.ms).toBeGreaterThanOrEqual(T0);
      expect(t.ms).toBeLessThanOrEqual(T0 + 120 * MIN);
      expect(t.ms % (5 * MIN)).toBe(0);
    }
    expect(ticks.map((t) => t.label)).toContain('08:30');
  });

  it('labels every lane, with its count', () => {
    for (const l of overview().lanes) {
      expect(svg).toContain(`>${l.label}</text>`);
    }
    expect(svg).toMatch(/text-anchor="end" fill="[^"]+">130</);
  });

  it('tells every status apart by a marker as well as a colour, in the bars and in the legend', () => {
    const markerOf = (status: StatusClass): string[] => [...svg.matchAll(new RegExp(`data-status="${status}" data-marker="([^"]+)"`, 'g'))].map((m) => m[1] as string);
    const markers = { ok: 'solid', failed: 'cross-hatch', running: 'open-end', skipped: 'hollow', unknown: 'dots' } as const;
    for (const status of STATUS_CLASSES) {
      expect(markerOf(status), status).toContain(markers[status]);
      expect(svg, `${status} in the legend`).toMatch(new RegExp(`data-legend="${status}" data-marker="[a-z-]+"`));
    }
    expect(new Set(Object.values(markers)).size).toBe(STATUS_CLASSES.length);
    // The patterns exist and the failed and unknown bars use them; skipped is dashed; running has its arrow.
    expect(svg).toContain('<pattern id="al-failed"');
    expect(svg).toContain('<pattern id="al-unknown"');
    expect(svg).toMatch(/data-status="failed" data-marker="cross-hatch"><title>[^<]*<\/title><rect [^>]*\/><rect [^>]*fill="url\(#al-failed\)"/);
    expect(svg).toMatch(/data-status="skipped" data-marker="hollow"><title>[^<]*<\/title><rect [^>]*stroke-dasharray/);
    expect(svg).toMatch(/data-status="running" data-marker="open-end">.*data-marker="open-end"\/>/);
    // A run with no end is a tick, not a bar.
    expect(markerOf('ok')).toContain('tick');
  });

  it('writes durations on bars where they fit, and none where they do not', () => {
    expect(svg).toMatch(/>40 min 00 s<\/text>/);
    expect(svg).not.toMatch(/>2 min 00 s<\/text>/);
    expect(svg).toContain('division by zero');
  });

  it('draws buckets as density blocks with their counts, failures notched', () => {
    expect(svg).toMatch(/data-bucket="100" data-status="failed" opacity="1"/);
    expect(svg).toMatch(/data-bucket="30" data-status="ok" opacity="0\.\d+"/);
    expect(count(svg, /data-marker="failed-notch"/)).toBe(1);
    expect(svg).toMatch(/>100<\/text>/);
    expect(svg).toContain('data-legend="bucket"');
  });
});

describe('timelineSvg: hostile text', () => {
  const evil = `<script>alert("x")</script> & 'quotes' \u0000\u0001\u001b[31m \uD800 end\n2nd line`;
  const r = overview();
  const svg = timelineSvg({ ...r, laneColumn: evil, lanes: r.lanes.map((l, i) => (i === 0 ? { ...l, label: evil, bars: l.bars.map((b) => ({ ...b, name: evil, message: evil })) } : l)) }, { zone: 'utc', title: evil, source: evil });

  it('escapes markup, quotes and what XML cannot hold, and still parses', () => {
    expect(() => parse(svg)).not.toThrow();
    expect(svg).not.toContain("<script");
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(svg).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(svg).toContain('\uFFFD');
  });
});

describe('timelineSvg: a run\'s waterfall', () => {
  const svg = timelineSvg(waterfall(), { zone: 'utc', title: 'dbt audit log', source: 'demo.db', widthPx: 1_200 });

  it('is well-formed and titled by the run, its status in words', () => {
    expect(parse(svg).width).toBe(1_200);
    expect(svg).toContain('<title id="al-title">Run mart_revenue_daily</title>');
    expect(svg).toMatch(/>FAILED<\/text>/);
    expect(svg).toContain('relation &quot;raw.x&quot; does not exist');
    expect(svg).toContain('took 10 min 00 s');
  });

  it('puts the run on top, then its steps and its nested runs as groups, indented under it', () => {
    const order = ['>mart_revenue_daily<', '>Steps · 2<', '>compile<', '>execute<', '>Nested runs · 1<', '>child-run<'].map((s) => svg.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const xOf = (label: string): number => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${label}</text>`).exec(svg)?.[1]);
    expect(xOf('compile')).toBeGreaterThan(xOf('mart_revenue_daily'));
    expect(xOf('child-run')).toBe(xOf('compile'));
  });

  it('marks the critical path, the slower-than-usual step, and the failed step\'s message', () => {
    expect(count(svg, /data-critical="true"/)).toBe(2);
    expect(svg).toContain('▲ slower than usual (p90 2 min 00 s)');
    expect(svg).toContain('Timeout: statement exceeded 900 seconds');
    expect(svg).toContain('data-legend="critical"');
    expect(count(svg, /data-icon="failed"/)).toBe(3);
  });
});

describe('timelineSvg: edges', () => {
  it('says when nothing has a time', () => {
    const svg = timelineSvg({ window: null, laneColumn: 'model_name', lanes: [], moreLanes: 0, total: 0, untimed: 12, items: 'runs' }, { zone: 'utc' });
    expect(() => parse(svg)).not.toThrow();
    expect(svg).toContain('Nothing in this answer has a time to draw.');
    expect(svg).toContain('12 runs have no start time that Auditlens can read, so they are not drawn.');
  });

  it('cuts long answers at the rows asked for and says how many are left out', () => {
    const r = overview();
    const lanes = Array.from({ length: 30 }, (_, i) => lane(`lane-${i}`, [bar(`b${i}`, i, i + 5, 'ok')]));
    const svg = timelineSvg({ ...r, lanes, moreLanes: 7, total: 40 }, { zone: 'utc', maxRows: 10 });
    expect(count(svg, />lane-\d+<\/text>/)).toBe(10);
    expect(svg).toContain('20 more lanes are not drawn here');
    expect(svg).toContain('7 more lanes with 10 runs are beyond what one answer lists');
  });

  it('merges bars narrower than a pixel as the view does', () => {
    const bars = Array.from({ length: 500 }, (_, i) => bar(`m${i}`, i * 0.01, i * 0.01 + 0.001, i === 250 ? 'failed' : 'ok'));
    const svg = timelineSvg({ ...overview(), lanes: [lane('dense', bars)] }, { zone: 'utc', widthPx: 800 });
    const merged = count(svg, /data-merged="true"/);
    expect(merged).toBeGreaterThan(0);
    expect(merged).toBeLessThan(100);
    expect(svg).toMatch(/data-status="failed" data-marker="cross-hatch" data-merged="true"/);
  });
});
