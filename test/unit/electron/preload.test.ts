/**
 * Runs the bundled preload (`dist/electron/preload.js`, built by the global setup) the way a
 * sandboxed Electron preload runs: a fresh context whose `require` knows only `electron`.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNEL_PREFIX, channelFor } from '../../../electron/api/ipc-transport';
import { APP_EVENT_CHANNEL } from '../../../shared/api/app-events';
import { CALL_NAMES, type CallName } from '../../../shared/api/contract';

const BUNDLE = path.join(__dirname, '..', '..', '..', 'dist', 'electron', 'preload.js');

interface Loaded {
  readonly requires: string[];
  readonly exposed: Record<string, unknown>;
  readonly invokes: unknown[][];
  readonly bridge: {
    invoke(name: unknown, input: unknown): Promise<unknown>;
    onEvent(listener: unknown): () => void;
    openDroppedFile(file: unknown, requestId?: unknown): Promise<unknown>;
  };
  /** Delivers a message on a channel the preload listens to, as main's webContents.send would. */
  readonly emit: (channel: string, payload: unknown) => void;
}

/** A File the fake webUtils knows the path of (a real drop), or does not (a File the page made). */
class FakeFile {
  public constructor(public readonly diskPath: string) {}
}

function loadPreload(reply: (channel: string, input: unknown) => Promise<unknown>): Loaded {
  const requires: string[] = [];
  const exposed: Record<string, unknown> = {};
  const invokes: unknown[][] = [];
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
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
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      },
      removeListener: () => undefined,
      // Present on the real ipcRenderer; the preload must not hand these to the page.
      send: () => undefined,
      sendSync: () => undefined,
    },
    webUtils: {
      getPathForFile: (file: unknown) => {
        if (!(file instanceof FakeFile)) {
          throw new TypeError('Error processing argument at index 0, conversion failure');
        }
        return file.diskPath;
      },
    },
  };
  // The IPC event object main's message arrives with: the page must never see it.
  const ipcEvent = { sender: { send: () => undefined }, senderId: 0, ports: [] };
  const emit = (channel: string, payload: unknown): void => {
    for (const l of listeners.get(channel) ?? []) {
      l(ipcEvent, payload);
    }
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
  return { requires, exposed, invokes, bridge: exposed.auditlens as Loaded['bridge'], emit };
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

  it('exposes exactly window.auditlens with exactly three functions', () => {
    const { exposed } = loadPreload(async () => ({ ok: true, value: null }));
    expect(Object.keys(exposed)).toEqual(['auditlens']);
    expect(Object.keys(exposed.auditlens as object)).toEqual(['invoke', 'onEvent', 'openDroppedFile']);
    for (const fn of Object.values(exposed.auditlens as object)) {
      expect(typeof fn).toBe('function');
    }
  });

  it('hands main’s events to the page as their payload only, keeping early ones until it listens', () => {
    const { bridge, emit } = loadPreload(async () => ({ ok: true, value: null }));
    emit(APP_EVENT_CHANNEL, { kind: 'open-ticket', ticket: 't1', label: '/data/a.db' });
    const got: unknown[][] = [];
    const stop = bridge.onEvent((...args: unknown[]) => got.push(args));
    emit(APP_EVENT_CHANNEL, { kind: 'command', command: 'open' });
    emit('auditlens:other', { kind: 'command', command: 'settings' });
    expect(got).toEqual([[{ kind: 'open-ticket', ticket: 't1', label: '/data/a.db' }], [{ kind: 'command', command: 'open' }]]);
    stop();
    emit(APP_EVENT_CHANNEL, { kind: 'command', command: 'close-store' });
    expect(got).toHaveLength(2);
  });

  it('opens a dropped File by the path webUtils gives, and nothing the page names', async () => {
    const { bridge, invokes } = loadPreload(async () => ({ ok: true, value: { storeId: 's1' } }));
    expect(await bridge.openDroppedFile(new FakeFile('/home/me/audit.db'), 'r1')).toEqual({ ok: true, value: { storeId: 's1' } });
    expect(invokes).toEqual([['auditlens:stores.openDropped', { path: '/home/me/audit.db', requestId: 'r1' }]]);
    // A path string, a File made in the page, or the call by name: refused before IPC.
    for (const notAFile of ['/etc/passwd', { path: '/etc/passwd' }, new FakeFile('')]) {
      expect(await bridge.openDroppedFile(notAFile)).toEqual({ ok: false, error: { code: 'bad-input', message: 'That drop did not come with a file from disk.' } });
    }
    expect(await bridge.invoke('stores.openDropped', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(invokes).toHaveLength(1);
  });

  it('sends each contract call on its own channel with only the input', async () => {
    const { bridge, invokes } = loadPreload(async () => ({ ok: true, value: 1 }));
    const pageCalls = CALL_NAMES.filter((name: CallName) => name !== 'stores.openDropped');
    for (const name of pageCalls) {
      await bridge.invoke(name, { a: 1 });
    }
    expect(invokes).toEqual(pageCalls.map((name) => [channelFor(name), { a: 1 }]));
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
