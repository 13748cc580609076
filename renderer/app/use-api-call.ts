/**
 * One hook for "call the API, ignore stale answers, cancel on unmount": the component says what
 * it wants to know, and gets the answer, the error and whether a newer answer is on its way.
 * A new question (other arguments) or an unmount drops the answer to the old one; a call that
 * carries a `requestId` is also cancelled on the server (`query.cancel`).
 */
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { CallArgs, CallName, CallResult } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { call } from './api-client';
import { useReportError } from './error-context';
import type { AnswerView, HeldAnswer } from './latest-answer';
import { answerView, deliverUnlessStopped } from './latest-answer';
import { newRequestId } from './request-id';

/** How a hook asks, besides what. */
export interface ApiCallOptions {
  /** What the user was doing, for the error bar; without it the caller shows `error` itself. */
  readonly report?: string;
  /** Answers of one group stay on screen while a newer one loads; by default only a reload's do. */
  readonly group?: string;
}

/** What a hook gives back: the answer, and a way to ask the same again. */
export interface ApiCallState<T> extends AnswerView<T> {
  readonly reload: () => void;
}

/** A question asked through something other than a contract call by name (a subject's own count). */
export interface LatestRequest<T> {
  /** Stands for the question: a new key asks again (compared with `Object.is`). */
  readonly key: unknown;
  /** Asks; `requestId` is set for cancellable questions. */
  readonly start: (requestId: string | null) => Promise<Result<T>>;
  /** Gives each attempt a fresh `requestId` and sends `query.cancel` for it once it is no longer wanted. */
  readonly cancellable?: boolean;
}

/** The calls whose input carries a `requestId`, so the server can cancel them. */
export type CancellableCall = { [K in CallName]: 'requestId' extends keyof CallArgs<K> ? K : never }[CallName];

/** The latest answer to `request` (null asks nothing); the building block of `useApiCall`. */
export function useLatestAnswer<T>(request: LatestRequest<T> | null, options: ApiCallOptions = {}): ApiCallState<T> {
  const reportError = useReportError();
  const [attempt, setAttempt] = useState(0);
  const [held, setHeld] = useState<HeldAnswer<T> | null>(null);
  const key = request === null ? null : request.key;

  // Reads the request and options of the render that asked, without asking again when only they change.
  const ask = useEffectEvent((asked: unknown, n: number) => {
    if (request === null) {
      return undefined;
    }
    const question = { key: asked, attempt: n, group: options.group ?? asked };
    const requestId = request.cancellable ? newRequestId() : null;
    const abandon = requestId === null ? undefined : () => {
      void call('query.cancel', { requestId });
    };
    return deliverUnlessStopped(request.start(requestId), (result) => {
      setHeld({ ...question, result });
      if (!result.ok && options.report !== undefined) {
        reportError(result.error, options.report);
      }
    }, abandon);
  });

  useEffect(() => (key === null ? undefined : ask(key, attempt)), [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const wanted = key === null ? null : { key, attempt, group: options.group ?? key };
  return { ...answerView(held, wanted), reload };
}

/**
 * Calls `name` with `args` (null asks nothing) and again whenever the arguments' content changes;
 * the arguments are compared as JSON, so a new object with the same content asks nothing new.
 * With `cancellable`, the hook gives each call its own `requestId` and cancels it when unwanted.
 */
export function useApiCall<K extends CancellableCall>(
  name: K, args: Omit<CallArgs<K>, 'requestId'> | null, options: ApiCallOptions & { readonly cancellable: true },
): ApiCallState<CallResult<K>>;
export function useApiCall<K extends CallName>(name: K, args: CallArgs<K> | null, options?: ApiCallOptions): ApiCallState<CallResult<K>>;
export function useApiCall<K extends CallName>(
  name: K, args: CallArgs<K> | null, options: ApiCallOptions & { readonly cancellable?: boolean } = {},
): ApiCallState<CallResult<K>> {
  const { cancellable = false, ...rest } = options;
  const request: LatestRequest<CallResult<K>> | null = args === null ? null : {
    key: JSON.stringify([name, args]),
    // The overloads let only cancellable calls leave their `requestId` to the hook.
    start: (requestId) => call(name, requestId === null ? args : ({ ...args, requestId } as CallArgs<K>)),
    cancellable,
  };
  return useLatestAnswer(request, rest);
}
