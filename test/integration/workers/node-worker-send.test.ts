import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnNodeWorker } from '../../../electron/workers/worker-process';
import { tempDir } from '../../helpers/files';

describe('spawnNodeWorker', () => {
  it('drops a message to a worker that died before reading it, without an uncaught EPIPE', async () => {
    const { dir, cleanup } = tempDir();
    // A worker that says it is ready and dies at once: the parent answers into a closed pipe,
    // the race that once failed CI with an uncaught "write EPIPE".
    const script = path.join(dir, 'dies.js');
    fs.writeFileSync(script, "process.send({ kind: 'ready' }); process.kill(process.pid, 'SIGKILL');\n");
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => {
      uncaught.push(e);
    };
    process.on('uncaughtException', onUncaught);
    try {
      const exits: (number | null)[] = [];
      for (let k = 0; k < 20; k++) {
        const w = spawnNodeWorker(script);
        const exited = new Promise<void>((resolve) => w.onExit((code) => {
          exits.push(code);
          resolve();
        }));
        w.onMessage(() => {
          // Many writes, so some land after the worker is gone.
          for (let i = 0; i < 50; i++) {
            w.send({ id: i, request: { op: 'catalog' }, pad: 'x'.repeat(64 * 1024) });
          }
        });
        await exited;
      }
      // Errors of the writes arrive on the next ticks.
      await new Promise((r) => setTimeout(r, 100));
      expect(exits).toHaveLength(20);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      cleanup();
    }
  }, 60_000);
});
