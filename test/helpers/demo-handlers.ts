/**
 * The demo store opened through the app's handlers, for API-level tests: calls go through
 * `dispatch` as the renderer's do, and `close` checks the store's bytes did not change.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { generateDemoStore } from '../../electron/demo/generate-demo';
import { StoreManager } from '../../electron/sources/store-manager';
import type { StoreSummary } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import { dispatch } from '../../shared/api/dispatch';
import { sha256, tempDir } from './files';
import { testServices } from './services';
import { sqliteDeps } from './sqlite-deps';

/** An open demo store and the calls to ask it. */
export interface DemoApi {
  readonly demo: string;
  readonly storeId: string;
  readonly stores: StoreManager;
  /** A call that must succeed. */
  call<T>(name: string, input: unknown): Promise<T>;
  /** A call as the transport makes it: its result, whatever it is. */
  send(name: string, input: unknown): Promise<Result<unknown>>;
  /** A call that must be refused: its error. */
  refused(name: string, input: unknown): Promise<ApiError>;
  /** Waits for an export job to finish (or fail): its final status. */
  exported(jobId: string): Promise<{ readonly state: string; readonly rows: number; readonly path: string | null }>;
  /** Closes the store, checks its bytes are unchanged and removes the folder. */
  close(): Promise<void>;
}

/** Generates the demo store in a temporary folder and opens it through the handlers. */
export async function openDemoApi(): Promise<DemoApi> {
  const { dir, cleanup } = tempDir();
  const demo = path.join(dir, 'demo.db');
  generateDemoStore(demo);
  const hash = sha256(demo);
  const stores = new StoreManager(sqliteDeps);
  const handlers = createHandlers(testServices(dir, demo, stores));
  const send = (name: string, input: unknown): Promise<Result<unknown>> => dispatch(handlers, name, input, { transport: 'test' });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await send(name, input);
    if (!r.ok) {
      throw new Error(`${r.error.code}: ${r.error.message}`);
    }
    return r.value as T;
  };
  const refused = async (name: string, input: unknown): Promise<ApiError> => {
    const r = await send(name, input);
    if (r.ok) {
      throw new Error(`${name} answered where it should have refused`);
    }
    return r.error;
  };
  const exported = async (jobId: string): Promise<{ state: string; rows: number; path: string | null }> => {
    for (let i = 0; i < 1_200; i++) {
      const status = await call<{ state: string; rows: number; path: string | null }>('export.progress', { jobId });
      if (status.state !== 'running') {
        return status;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('The export did not finish within a minute.');
  };
  const { storeId } = await call<StoreSummary>('stores.openDemo', {});
  return {
    demo, storeId, stores, call, send, refused, exported,
    close: async () => {
      await stores.closeAll();
      expect(sha256(demo)).toBe(hash);
      cleanup();
    },
  };
}
