/**
 * Browser mode's entry point, as main.ts is Electron's: the host's handlers behind the loopback
 * HTTP bridge. `auditlens serve` and `npm start` (where Electron cannot start) call it.
 */
import type { StoreSummary } from '../shared/api/contract';
import { dispatch } from '../shared/api/dispatch';
import { AuditlensError } from '../shared/api/result';
import type { HttpBridge } from './api/http-bridge';
import { startHttpBridge } from './api/http-bridge';
import { createHost } from './host';
import { runtimePaths } from './runtime-paths';

/** Starts browser mode: the renderer and the contract on 127.0.0.1, optionally with a store already open. */
export async function startBrowserMode(store: string | null, port: number, openDemo: boolean): Promise<HttpBridge & { initial: StoreSummary | null }> {
  let initial: StoreSummary | null = null;
  const host = createHost({ mode: 'browser', initialStore: () => initial });
  if (store !== null || openDemo) {
    const r = store !== null
      ? await dispatch(host.handlers, 'stores.openPath', { path: store }, { transport: 'cli' })
      : await dispatch(host.handlers, 'stores.openDemo', {}, { transport: 'cli' });
    if (!r.ok) {
      throw Object.assign(new Error(r.error.message), { code: r.error.code });
    }
    initial = r.value as StoreSummary;
  }
  let bridge: HttpBridge;
  try {
    bridge = await startHttpBridge({ handlers: host.handlers, rendererDir: runtimePaths().rendererDir, port });
  } catch (e) {
    // The opened store's worker would keep the process alive after the error: close it first.
    await host.services.stores.closeAll();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new AuditlensError('bad-input', code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use by another program; choose another with --port N, or leave --port out to pick a free one.`
        : `Port ${port} on 127.0.0.1 may not be used by this user; choose a port above 1023, or leave --port out.`);
    }
    throw e;
  }
  const close = (): Promise<void> => bridge.close();
  return {
    ...bridge,
    initial,
    close: async () => {
      await close();
      await host.services.stores.closeAll();
    },
  };
}
