import type { ApiError } from '../../shared/api/result';

/** The envelope of a request to a worker: its id and body. */
export interface WorkerEnvelope<Request> {
  readonly id: number;
  readonly request: Request;
}

/** A message from a worker: a result, an error, or progress on a long request; `ready` once it listens. */
export type WorkerMessage =
  | { readonly id: number; readonly kind: 'result'; readonly value: unknown }
  | { readonly id: number; readonly kind: 'error'; readonly error: ApiError }
  | { readonly id: number; readonly kind: 'progress'; readonly progress: unknown }
  | { readonly id: 0; readonly kind: 'ready' };
