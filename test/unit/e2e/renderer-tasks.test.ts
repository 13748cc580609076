import { describe, expect, it } from 'vitest';
import { rendererTasks } from '../../e2e/fixtures/renderer-tasks';

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
const task = (pid: number, tid: number, ts: number, dur: number, tdur: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, ts, dur, tdur });
const devtools = (pid: number, tid: number, ts: number) => ({
  ph: 'X', name: 'Receive mojo message', pid, tid, ts, dur: 10, args: { chrome_mojo_event_info: { mojo_interface_tag: 'blink.mojom.DevToolsSession' } },
});

describe('rendererTasks', () => {
  it('reads the busiest renderer main thread, in ms, and marks the tasks a DevTools message started', () => {
    const trace = {
      traceEvents: [
        meta(1, 1, 'CrBrowserMain'),
        meta(2, 2, 'CrRendererMain'),
        meta(3, 3, 'CrRendererMain'),
        task(1, 1, 0, 900_000, 900_000),
        task(2, 2, 1_000, 80_000, 7_000),
        task(2, 2, 100_000, 60_000, 55_000),
        devtools(2, 2, 100_050),
        task(2, 2, 200_000, 5_000, 4_000),
        task(3, 3, 0, 70_000, 70_000),
      ],
    };
    expect(rendererTasks(JSON.stringify(trace))).toEqual([
      { wallMs: 80, cpuMs: 7, byDevTools: false },
      { wallMs: 60, cpuMs: 55, byDevTools: true },
      { wallMs: 5, cpuMs: 4, byDevTools: false },
    ]);
  });

  it('accepts the bare array form and finds no tasks without a renderer', () => {
    expect(rendererTasks(JSON.stringify([meta(1, 1, 'CrBrowserMain'), task(1, 1, 0, 10, 10)]))).toEqual([]);
  });
});
