import { describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { ApiCall } from '../../../renderer/app/api-types';
import { POLL_INTERVAL_MS, pollExportJob, type Timers } from '../../../renderer/export/export-poller';

const status = (state: ExportJobStatus['state'], rows: number): ExportJobStatus => ({
  state, rows, bytes: rows * 10, rate: 0, etaMs: null, totalRows: null, path: null, error: null, download: null,
});

/** Timers that run only when the test says so, remembering the delays asked for. */
function manualTimers(): Timers & { delays: number[]; fire: () => Promise<void>; pending: () => number } {
  const queue: (() => void)[] = [];
  const delays: number[] = [];
  return {
    delays,
    set: (fn, ms) => {
      delays.push(ms);
      queue.push(fn);
      return queue.length;
    },
    clear: () => {
      queue.length = 0;
    },
    fire: async () => {
      queue.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
    pending: () => queue.length,
  };
}

function fakeCall(answers: Result<ExportJobStatus>[]): { call: ApiCall; asked: unknown[] } {
  const asked: unknown[] = [];
  const call = (async (_name: string, input: unknown) => {
    asked.push(input);
    return answers.shift() ?? { ok: false, error: { code: 'not-found', message: 'gone' } };
  }) as unknown as ApiCall;
  return { call, asked };
}

describe('export poller', () => {
  it('polls at once, then every 250 ms until the job is done', async () => {
    const timers = manualTimers();
    const { call, asked } = fakeCall([
      { ok: true, value: status('running', 10) },
      { ok: true, value: status('running', 20) },
      { ok: true, value: status('done', 30) },
    ]);
    const seen: number[] = [];
    pollExportJob(call, 'job-1', (s) => seen.push(s.rows), () => undefined, timers);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([10]);
    await timers.fire();
    await timers.fire();
    expect(seen).toEqual([10, 20, 30]);
    expect(asked).toEqual([{ jobId: 'job-1' }, { jobId: 'job-1' }, { jobId: 'job-1' }]);
    expect(timers.delays).toEqual([POLL_INTERVAL_MS, POLL_INTERVAL_MS]);
    expect(POLL_INTERVAL_MS).toBe(250);
    expect(timers.pending()).toBe(0);
  });

  it('reports a failed poll and stops', async () => {
    const timers = manualTimers();
    const { call } = fakeCall([{ ok: false, error: { code: 'not-found', message: 'There is no export with that id' } }]);
    const errors: string[] = [];
    pollExportJob(call, 'job-2', () => undefined, (e) => errors.push(e.code), timers);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual(['not-found']);
    expect(timers.pending()).toBe(0);
  });

  it('stops when asked, even with an answer on its way', async () => {
    const timers = manualTimers();
    const { call } = fakeCall([{ ok: true, value: status('running', 1) }, { ok: true, value: status('running', 2) }]);
    const seen: number[] = [];
    const stop = pollExportJob(call, 'job-3', (s) => seen.push(s.rows), () => undefined, timers);
    stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([]);
    expect(timers.pending()).toBe(0);
  });
});
