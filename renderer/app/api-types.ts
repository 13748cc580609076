import type { CallArgs, CallName, CallResult } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';

/** The shape of `call`: injected into pure helpers (datasource, hooks) so tests can pass a fake. */
export type ApiCall = <K extends CallName>(name: K, input: CallArgs<K>) => Promise<Result<CallResult<K>>>;

/** What the Electron preload exposes as `window.auditlens`; everything it returns is unchecked. */
export interface AuditlensBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  /** Main's events (shared/api/app-events.ts); returns the unsubscribe function. */
  onEvent?(listener: (event: unknown) => void): () => void;
  /** Opens a dropped File by the path Electron knows for it (the page never sees that path). */
  openDroppedFile?(file: File, requestId?: string): Promise<unknown>;
}
