import { sqlRows } from './fixtures/demo-sql';
import { expect, test } from './fixtures/server';
import { StartPage } from './pages/start-page';
import { TimelinePage } from './pages/timeline-page';

interface Step {
  readonly name: string;
  readonly at: string;
}

/** Naive demo timestamps are the writer's local time, as the server on this machine reads them. */
const local = (text: string): number => new Date(text.replace(' ', 'T')).getTime();

/**
 * Each step's duration by name (n-th repeat keyed `n name`): until the next step in time, the last
 * until the run's end (none, a point, when the run ended before it).
 */
function durations(steps: readonly Step[], runEnd: string): Map<string, number | null> {
  const timed = steps.map((s, i) => ({ ...s, i, ms: local(s.at) })).sort((a, b) => a.ms - b.ms || a.i - b.i);
  const out = new Map<string, number | null>();
  const seen = new Map<string, number>();
  const byIndex = new Map<number, number | null>();
  timed.forEach((s, k) => {
    const end = timed[k + 1]?.ms ?? local(runEnd);
    byIndex.set(s.i, end >= s.ms ? end - s.ms : null);
  });
  steps.forEach((s, i) => {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    out.set(`${n} ${s.name}`, byIndex.get(i) ?? null);
  });
  return out;
}

test('compare a failed run\'s waterfall with the previous run of its model: steps matched by name, slower steps marked', async ({ page, appUrl, demoPath }, testInfo) => {
  const start = new StartPage(page);
  const timeline = new TimelinePage(page);
  // Run A: the latest failed run of a model; run B: the newest other run of that model (the picker's first choice).
  const [a] = sqlRows<{ inv: string; model: string; ended: string }>(demoPath, `SELECT invocation_id AS inv, model_name AS model, run_ended_at AS ended FROM dbt_audit_summary
    WHERE status = 'failed' AND run_ended_at IS NOT NULL ORDER BY run_started_at DESC LIMIT 1`);
  if (!a) {
    throw new Error('The demo has no failed dbt run.');
  }
  const [b] = sqlRows<{ inv: string; ended: string }>(demoPath, `SELECT invocation_id AS inv, run_ended_at AS ended FROM dbt_audit_summary
    WHERE model_name = ? AND invocation_id <> ? ORDER BY run_started_at DESC LIMIT 1`, a.model, a.inv);
  const stepsOf = (inv: string): Step[] => sqlRows<Step>(demoPath, `SELECT step_name AS name, event_timestamp AS at FROM dbt_audit_detail
    WHERE invocation_id = ? AND model_name = ? ORDER BY step_sequence_num IS NULL, step_sequence_num, event_timestamp`, inv, a.model);
  const da = durations(stepsOf(a.inv), a.ended);
  const db = durations(stepsOf(b?.inv ?? ''), b?.ended ?? '');
  const names = new Set([...da.keys(), ...db.keys()]);
  const slower = [...da].filter(([k, x]) => {
    const y = db.get(k);
    return x !== null && y !== undefined && y !== null && y - x > Math.max(500, 0.2 * Math.max(x, y));
  }).map(([k]) => k.slice(k.indexOf(' ') + 1));

  await start.goto(appUrl);
  await start.openDemo();
  await timeline.open();
  await timeline.chooseFormat('dbt-audit');
  // The last days, where run A is, drawn as single bars (the whole range is counted in buckets).
  await timeline.brush(0.97, 0.999);
  await timeline.waitForDrawn();
  await timeline.openWaterfallOf(`${a.inv} / ${a.model}`);
  // "Show ≥ 1 s" hides the steps shorter than a second (points too), and back.
  await expect(timeline.lanes).toHaveCount(da.size);
  await timeline.hideStepsShorterThan(1_000);
  await expect(timeline.lanes).toHaveCount([...da.values()].filter((d) => d !== null && d >= 1_000).length);
  await timeline.hideStepsShorterThan(0);
  await expect(timeline.lanes).toHaveCount(da.size);

  const panel = await timeline.compareWith(0);
  await expect(panel.getByTestId('compare-run-b')).toContainText(`${b?.inv} / ${a.model}`);
  await expect(timeline.compareRows()).toHaveCount(names.size);
  await expect(panel).toHaveAttribute('data-rows', String(names.size));
  expect(await page.locator('[data-testid="compare-row"][data-change="slower"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(slower);
  await page.screenshot({ path: testInfo.outputPath('timeline-compare.png') });
  // The same "Show ≥ 1 s" keeps a step when either run spent a second or more in it.
  await timeline.hideStepsShorterThan(1_000);
  const long = [...names].filter((k) => (da.get(k) ?? 0) >= 1_000 || (db.get(k) ?? 0) >= 1_000);
  await expect(timeline.compareRows()).toHaveCount(long.length);
  await timeline.hideStepsShorterThan(0);

  // Stopping the comparison brings back the run's own waterfall.
  await timeline.stopComparing();
  await expect(timeline.lanes).toHaveCount(da.size);
});
