/**
 * Runs the bundled preload (`dist/electron/preload.js`, built by the global setup) the way a
 * sandboxed Electron preload runs: a fresh context whose `require` knows only `electron`.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL_PREFIX, channelFor } from '../../../electron/api/ipc-transport';
import { CALL_NAMES } from '../../../shared/api/contract';

const BUNDLE = path.join(__dirname, '..', '..', '..', 'dist', 'electron', 'preload.js');

interface Loaded {
  readonly requires: string[];
  readonly exposed: Record<string, unknown>;
  readonly invokes: unknown[][];
  readonly bridge: { invoke(name: unknown, input: unknown): Promise<unknown> };
}

function loadPreload(reply: (channel: string, input: unknown) => Promise<unknown>): Loaded {
  const requires: string[] = [];
  const exposed: Record<string, unknown> = {};
  const invokes: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invokes.push([channel, ...args]);
        return reply(channel, args[0]);
      },
      // Present on the real ipcRenderer; the preload must not hand these to the page.
      on: () => undefined,
      send: () => undefined,
      sendSync: () => undefined,
    },
  };
  const sandboxRequire = (id: string): unknown => {
    requires.push(id);
    if (id === 'electron') {
      return electron;
    }
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  // Only `require` and a bare `process`: the bundle must not rely on module, exports or Node globals.
  vm.runInNewContext(fs.readFileSync(BUNDLE, 'utf8'), {
    require: sandboxRequire,
    process: { type: 'renderer', sandboxed: true, contextIsolated: true },
  });
  return { requires, exposed, invokes, bridge: exposed.auditlens as Loaded['bridge'] };
}

describe('the preload bundle', () => {
  beforeAll(() => {
    expect(fs.existsSync(BUNDLE), 'run node build/build-node.mjs first').toBe(true);
  });

  it('requires nothing but electron and stays small', () => {
    const { requires } = loadPreload(async () => ({ ok: true, value: null }));
    expect(requires).toEqual(['electron']);
    // No zod, no contract schemas: main validates, the preload only forwards.
    expect(fs.statSync(BUNDLE).size).toBeLessThan(4_000);
  });

  it('exposes exactly window.auditlens with exactly one function, invoke', () => {
    const { exposed } = loadPreload(async () => ({ ok: true, value: null }));
    expect(Object.keys(exposed)).toEqual(['auditlens']);
    expect(Object.keys(exposed.auditlens as object)).toEqual(['invoke']);
    expect(typeof (exposed.auditlens as { invoke: unknown }).invoke).toBe('function');
  });

  it('sends each contract call on its own channel with only the input', async () => {
    const { bridge, invokes } = loadPreload(async () => ({ ok: true, value: 1 }));
    for (const name of CALL_NAMES) {
      await bridge.invoke(name, { a: 1 });
    }
    expect(invokes).toEqual(CALL_NAMES.map((name) => [channelFor(name), { a: 1 }]));
    expect(channelFor('app.info').startsWith(IPC_CHANNEL_PREFIX)).toBe(true);
  });

  it('returns the Result from main and nothing else (no event, no sender)', async () => {
    const result = { ok: true, value: { storeId: 's1', tableCount: 3 } };
    const { bridge } = loadPreload(async () => result);
    const r = (await bridge.invoke('stores.openDemo', {})) as Record<string, unknown>;
    expect(r).toEqual(result);
    expect(Object.keys(r).sort()).toEqual(['ok', 'value']);
    expect(r).not.toHaveProperty('sender');
    expect(r).not.toHaveProperty('event');
  });

  it('refuses names that are not call-shaped without touching IPC', async () => {
    const { bridge, invokes } = loadPreload(async () => ({ ok: true, value: null }));
    for (const name of ['', 'auditlens:app.info', '../x', 'app', 'app.info ', 'x'.repeat(100), 42, null, { toString: () => 'app.info' }]) {
      const r = (await bridge.invoke(name, {})) as { ok: boolean; error?: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('bad-input');
    }
    expect(invokes).toEqual([]);
  });

  it('turns a failed invoke into an io Result instead of a rejection', async () => {
    const { bridge } = loadPreload(() => Promise.reject(new Error("No handler registered for 'auditlens:x.y'")));
    const r = (await bridge.invoke('x.y', {})) as { ok: boolean; error?: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('io');
    expect(r.error?.message).not.toContain('No handler');
  });
});
