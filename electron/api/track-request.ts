/** Runs a request under its request id, so `query.cancel` can stop it (the handlers' tracker). */
export type TrackRequest = <T>(requestId: string | undefined, run: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

/** A tracker of in-flight requests by id: a new request with the same id aborts the older one. */
export function createTracker(): { readonly track: TrackRequest; readonly cancel: (requestId: string) => boolean } {
  const inflight = new Map<string, AbortController>();
  const track: TrackRequest = (requestId, run) => {
    if (!requestId) {
      return run(undefined);
    }
    const controller = new AbortController();
    inflight.get(requestId)?.abort();
    inflight.set(requestId, controller);
    return run(controller.signal).finally(() => {
      if (inflight.get(requestId) === controller) {
        inflight.delete(requestId);
      }
    });
  };
  const cancel = (requestId: string): boolean => {
    const c = inflight.get(requestId);
    c?.abort();
    return c !== undefined;
  };
  return { track, cancel };
}
