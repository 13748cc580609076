import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNEL_PREFIX, channelFor, isTrustedSender, registerIpc, trustWebContents } from '../../../electron/api/ipc-transport';
import type { CallArgs, CallName } from '../../../shared/api/contract';
import { CALL_NAMES } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import type { Result } from '../../../shared/api/result';
import { isErrorCode } from '../../../shared/api/result';
import { createFakeElectron, ipcEvent } from './fake-electron';

const query = { table: { schema: null, name: 'runs' } };

/** One valid input per call; the mapped type makes a new contract call a compile error here. */
const VALID: { readonly [K in CallName]: CallArgs<K> } = {
  'app.info': {},
  'stores.recent': {},
  'stores.openDemo': {},
  'stores.openPath': { path: '/tmp/x.db' },
  'stores.openDialog': {},
  'stores.openRecent': { id: 'r1' },
  'stores.openProgress': { requestId: 'q1' },
  'stores.openTicket': { ticket: 't1' },
  'stores.openDropped': { path: '/tmp/x.db' },
  'stores.close': { storeId: 's1' },
  'catalog.get': { storeId: 's1' },
  'catalog.rowCounts': { storeId: 's1' },
  'table.page': { storeId: 's1', query, startRow: 0, endRow: 100 },
  'table.count': { storeId: 's1', query },
  'table.values': { storeId: 's1', query, column: 'status' },
  'table.row': { storeId: 's1', table: query.table, key: [1] },
  'query.cancel': { requestId: 'q1' },
  'settings.get': {},
  'settings.set': { theme: 'dark' },
  'export.start': { storeId: 's1', query },
  'export.startView': { storeId: 's1', format: 'dbt', kind: 'runs', query: {} },
  'export.countView': { storeId: 's1', format: 'dbt', kind: 'steps', query: {} },
  'export.progress': { jobId: 'j1' },
  'export.cancel': { jobId: 'j1' },
  'formats.list': { storeId: 's1' },
  'runs.page': { storeId: 's1', format: 'dbt', query: {}, startRow: 0, endRow: 100 },
  'runs.count': { storeId: 's1', format: 'dbt', query: {} },
  'runs.facets': { storeId: 's1', format: 'dbt', query: {} },
  'runs.steps': { storeId: 's1', format: 'dbt', runKey: ['r1'] },
  'runs.compare': { storeId: 's1', format: 'dbt', a: ['r1'], b: ['r2'] },
  'mapping.suggest': { storeId: 's1' },
  'pg.test': { url: 'postgres://u@h/d' },
  'pg.pickTlsFile': { kind: 'sslrootcert' },
  'pg.connect': { host: 'h', database: 'd' },
  'connections.list': {},
  'connections.open': { id: 'c1' },
  'connections.remove': { id: 'c1' },
  'mapping.save': { storeId: 's1', mapping: { title: 'm', runs: { table: { schema: null, name: 'runs' }, key: ['id'] } } },
  'mapping.remove': { storeId: 's1', title: 'm' },
  'mapping.export': { storeId: 's1', title: 'm' },
  'mapping.import': { storeId: 's1', json: '{}' },
  'timeline.get': { storeId: 's1', format: 'dbt', query: {} },
  'lineage.get': { storeId: 's1', format: 'dbt', node: 'gold.x' },
  'lineage.search': { storeId: 's1', format: 'dbt', text: 'gold' },
  'lineage.runs': { storeId: 's1', format: 'dbt', node: 'gold.x' },
  'lineage.runNodes': { storeId: 's1', format: 'dbt', run: 'r1' },
  'export.startLineage': { storeId: 's1', format: 'dbt', node: 'gold.x' },
  'console.run': { storeId: 's1', sql: 'SELECT 1' },
  'export.startConsole': { storeId: 's1', sql: 'SELECT 1' },
};

const APP_FRAME = { url: 'app://auditlens/index.html' };

function setup(): { fake: ReturnType<typeof createFakeElectron>; calls: { name: string; input: unknown; transport: string }[] } {
  const fake = createFakeElectron();
  const calls: { name: string; input: unknown; transport: string }[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async (input: unknown, ctx: { transport: string }) => {
        calls.push({ name, input, transport: ctx.transport });
        return { handled: name };
      },
    ]),
  ) as unknown as Handlers;
  registerIpc(fake.surface, handlers);
  return { fake, calls };
}

const revokes: (() => void)[] = [];
function trust(id: number): void {
  revokes.push(trustWebContents(id));
}

afterEach(() => {
  for (const revoke of revokes.splice(0)) {
    revoke();
  }
});

describe('IPC registration', () => {
  it('registers exactly one handler per contract call, and nothing else', () => {
    const { fake } = setup();
    expect(fake.ipcRegistrations).toHaveLength(CALL_NAMES.length);
    expect(new Set(fake.ipcRegistrations).size).toBe(CALL_NAMES.length);
    expect([...fake.ipcRegistrations].sort()).toEqual(CALL_NAMES.map((n) => `auditlens:${n}`).sort());
    for (const channel of fake.ipcRegistrations) {
      expect(channel.startsWith(IPC_CHANNEL_PREFIX)).toBe(true);
    }
  });

  it('reaches every contract call through its channel with the ipc transport', async () => {
    const { fake, calls } = setup();
    trust(7);
    for (const name of CALL_NAMES) {
      const r = (await fake.invoke(channelFor(name), ipcEvent(7, APP_FRAME), VALID[name])) as Result<unknown>;
      expect(r, name).toEqual({ ok: true, value: { handled: name } });
    }
    expect(calls.map((c) => c.name)).toEqual(CALL_NAMES);
    expect(new Set(calls.map((c) => c.transport))).toEqual(new Set(['ipc']));
  });

  it('binds the call name to the channel, not to anything in the message', async () => {
    const { fake, calls } = setup();
    trust(7);
    await fake.invoke(channelFor('app.info'), ipcEvent(7, APP_FRAME), {}, 'stores.openPath');
    expect(calls.map((c) => c.name)).toEqual(['app.info']);
  });

  it('returns input validation errors as bad-input Results without calling the handler', async () => {
    const { fake, calls } = setup();
    trust(7);
    const bad: [CallName, unknown][] = [
      ['stores.openPath', { path: '' }],
      ['stores.openPath', { path: 42 }],
      ['stores.close', {}],
      ['table.page', { storeId: 's1', query, startRow: 0, endRow: 100_000 }],
      ['table.page', { storeId: 's1', query, startRow: -1, endRow: 10 }],
      ['catalog.rowCounts', { storeId: 's1', budgetMs: 'soon' }],
      ['table.row', { storeId: 's1', table: query.table, key: [] }],
      ['query.cancel', 'q1'],
    ];
    for (const [name, input] of bad) {
      const r = (await fake.invoke(channelFor(name), ipcEvent(7, APP_FRAME), input)) as Result<unknown>;
      expect(r.ok, name).toBe(false);
      expect(!r.ok && r.error.code, name).toBe('bad-input');
    }
    expect(calls).toEqual([]);
  });

  it('never throws and always answers a Result for arbitrary payloads', async () => {
    const { fake } = setup();
    trust(7);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES), fc.anything(), async (name, payload) => {
        const r = (await fake.invoke(channelFor(name), ipcEvent(7, APP_FRAME), payload)) as Result<unknown>;
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(isErrorCode(r.error.code)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('IPC sender validation', () => {
  const untrusted: [string, number, Parameters<typeof ipcEvent>[1]][] = [
    ['wrong origin', 7, { url: 'https://evil.example/index.html' }],
    ['look-alike origin', 7, { url: 'app://auditlens.evil.com/index.html' }],
    ['userinfo origin', 7, { url: 'app://auditlens@evil/index.html' }],
    ['file origin', 7, { url: 'file:///tmp/index.html' }],
    ['about:blank', 7, { url: 'about:blank' }],
    ['empty url', 7, { url: '' }],
    ['sub-frame', 7, { url: 'app://auditlens/index.html', subFrame: true }],
    ['null senderFrame', 7, null],
    ['unknown webContents id', 99, APP_FRAME],
  ];

  for (const [label, id, frame] of untrusted) {
    it(`rejects ${label} as unauthorized, for every call`, async () => {
      const { fake, calls } = setup();
      trust(7);
      for (const name of CALL_NAMES) {
        const r = (await fake.invoke(channelFor(name), ipcEvent(id, frame), VALID[name])) as Result<unknown>;
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error.code).toBe('unauthorized');
      }
      expect(calls).toEqual([]);
    });
  }

  it('stops trusting a webContents once revoked', async () => {
    const { fake } = setup();
    const revoke = trustWebContents(8);
    expect(isTrustedSender(ipcEvent(8, APP_FRAME))).toBe(true);
    revoke();
    expect(isTrustedSender(ipcEvent(8, APP_FRAME))).toBe(false);
    const r = (await fake.invoke(channelFor('app.info'), ipcEvent(8, APP_FRAME), {})) as Result<unknown>;
    expect(!r.ok && r.error.code).toBe('unauthorized');
  });
});
