import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenProgress, StoreSummary } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { call } from '../../app/api-client';
import { newRequestId } from '../../app/request-id';

/** Quick opens finish before this, so they never flash a progress card. */
const CARD_DELAY_MS = 300;
/** How often the card asks how far opening has come. */
const POLL_MS = 250;

/** The progress card's state while a slow open runs. */
export interface OpeningCard {
  /** What is being opened (a folder's name, a recent store's title). */
  readonly label: string;
  /** Null until the server reports (a SQLite file never does). */
  readonly progress: OpenProgress | null;
  readonly cancelling: boolean;
}

/**
 * Opens a store with a request id so it can be followed and cancelled. When the call has not
 * answered after CARD_DELAY_MS, `card` is set and `stores.openProgress` is polled (setTimeout
 * after each answer) until it does; `cancel` sends `query.cancel`, and the open then fails with
 * `cancelled`, which the caller treats as a quiet return to the start screen.
 */
export function useStoreOpening(): {
  readonly card: OpeningCard | null;
  readonly openTracked: (label: string, open: (requestId: string) => Promise<Result<StoreSummary>>) => Promise<Result<StoreSummary>>;
  readonly cancel: () => void;
} {
  const [card, setCard] = useState<OpeningCard | null>(null);
  const current = useRef<{ readonly requestId: string; stop: () => void } | null>(null);

  useEffect(() => () => current.current?.stop(), []);

  const openTracked = useCallback(async (label: string, open: (requestId: string) => Promise<Result<StoreSummary>>) => {
    current.current?.stop();
    const requestId = newRequestId();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const poll = async (): Promise<void> => {
      timer = null;
      const r = await call('stores.openProgress', { requestId });
      if (stopped) {
        return;
      }
      if (r.ok && r.value !== null) {
        const progress = r.value;
        setCard((c) => (c ? { ...c, progress } : c));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    const stop = (): void => {
      stopped = true;
      if (timer !== null) {
        clearTimeout(timer);
      }
    };
    current.current = { requestId, stop };
    timer = setTimeout(() => {
      setCard({ label, progress: null, cancelling: false });
      void poll();
    }, CARD_DELAY_MS);
    try {
      return await open(requestId);
    } finally {
      stop();
      if (current.current?.requestId === requestId) {
        current.current = null;
        setCard(null);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const running = current.current;
    if (running) {
      setCard((c) => (c ? { ...c, cancelling: true } : c));
      void call('query.cancel', { requestId: running.requestId });
    }
  }, []);

  return { card, openTracked, cancel };
}
