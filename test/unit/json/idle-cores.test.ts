import { describe, expect, it } from 'vitest';
import { cpuTimes, idleCores } from '../../../electron/ingest/json/parallel-ingest';

describe('idleCores', () => {
  it('turns the idle share of the CPU time between two readings into cores', () => {
    // Two cores over 100 ms: 200 ms of CPU time, 150 of it idle, is one and a half idle cores.
    expect(idleCores({ busy: 1_000, idle: 5_000 }, { busy: 1_050, idle: 5_150 }, 2)).toBe(1.5);
    // One core busy with someone else's work on a 2-core machine: one idle core, not a spare one by spareCore's rule.
    expect(idleCores({ busy: 0, idle: 0 }, { busy: 100, idle: 100 }, 2)).toBe(1);
    expect(idleCores({ busy: 0, idle: 0 }, { busy: 400, idle: 0 }, 4)).toBe(0);
  });

  it('counts every core as idle when no time has passed between the readings', () => {
    const now = { busy: 7, idle: 9 };
    expect(idleCores(now, now, 8)).toBe(8);
  });

  it('reads times that only grow', () => {
    const a = cpuTimes();
    let spin = 0;
    for (let i = 0; i < 5_000_000; i++) {
      spin += i % 7;
    }
    const b = cpuTimes();
    expect(spin).toBeGreaterThan(0);
    expect(b.busy + b.idle).toBeGreaterThanOrEqual(a.busy + a.idle);
    expect(b.busy).toBeGreaterThanOrEqual(a.busy);
  });
});
