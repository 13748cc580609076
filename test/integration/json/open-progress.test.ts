import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers';
import { StoreManager } from '../../../electron/sources/store-manager';
import type { OpenProgress, StoreSummary } from '../../../shared/api/contract';
import type { Handlers } from '../../../shared/api/dispatch';
import { dispatch } from '../../../shared/api/dispatch';
import { tempDir } from '../../helpers/files';
import { testServices } from '../../helpers/services';
import { sqliteDeps } from '../../helpers/sqlite-deps';

const { dir, cleanup } = tempDir();
const folder = path.join(dir, 'events');
const cache = path.join(dir, 'cache');
let handlers: Handlers;

beforeAll(() => {
  fs.mkdirSync(folder);
  for (let f = 0; f < 120; f++) {
    const lines: string[] = [];
    for (let i = 0; i < 2_000; i++) {
      lines.push(JSON.stringify({ eventType: i % 50 === 0 ? 'FAIL' : 'COMPLETE', eventTime: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`, run: { runId: `r-${f}-${Math.floor(i / 4)}` }, job: { namespace: 'ns', name: `job-${i % 17}` }, inputs: [{ namespace: 'db', name: `t${i % 9}` }], outputs: [{ namespace: 'db', name: `t${(i + 1) % 9}` }], producer: 'bench', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent' }));
    }
    fs.writeFileSync(path.join(folder, `events-${f}.ndjson`), `${lines.join('\n')}\n`);
  }
  handlers = createHandlers(testServices(dir, '', new StoreManager(sqliteDeps, {}, cache)));
});
afterAll(cleanup);

describe('opening a JSON folder from the app', () => {
  it('reports files, records and bytes while it reads, and can be cancelled leaving nothing behind', async () => {
    const seen: OpenProgress[] = [];
    const pending = dispatch(handlers, 'stores.openPath', { path: folder, requestId: 'open-1' }, { transport: 'test' });
    for (let i = 0; i < 400 && seen.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const p = await dispatch(handlers, 'stores.openProgress', { requestId: 'open-1' }, { transport: 'test' });
      if (p.ok && p.value) {
        seen.push(p.value as OpenProgress);
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ filesTotal: 120 });
    expect((seen[0]?.bytesTotal ?? 0)).toBeGreaterThan(10_000_000);
    await dispatch(handlers, 'query.cancel', { requestId: 'open-1' }, { transport: 'test' });
    const r = await pending;
    expect(r.ok ? 'opened' : r.error.code).toBe('cancelled');
    const left = fs.existsSync(cache) ? fs.readdirSync(cache, { recursive: true }).map(String) : [];
    expect(left.filter((f) => f.endsWith('.db') || f.includes('tmp'))).toEqual([]);
  });

  it('opens the folder when left to finish, with its OpenLineage runs recognised', async () => {
    const r = await dispatch(handlers, 'stores.openPath', { path: folder, requestId: 'open-2' }, { transport: 'test' });
    expect(r.ok).toBe(true);
    const formats = await dispatch(handlers, 'formats.list', { storeId: (r as { value: StoreSummary }).value.storeId }, { transport: 'test' });
    expect(formats.ok ? (formats.value as { id: string }[]).map((f) => f.id) : []).toEqual(['openlineage']);
  }, 120_000);
});
