/**
 * The pure part of `useApiCall`: an answer is delivered only while it is still wanted (a newer
 * question or an unmount stops it, and a cancellable call is cancelled on the server), and what a
 * caller sees, given the answer it holds and the question it is waiting on.
 */
import type { ApiError, Result } from '../../shared/api/result';

/**
 * Hands `answer` to `deliver` once it comes, unless the returned `stop` is called first; `stop`
 * calls `onAbandon` only when the answer had not come yet (there is nothing left to cancel after).
 */
export function deliverUnlessStopped<T>(answer: Promise<T>, deliver: (value: T) => void, onAbandon?: () => void): () => void {
  let waiting = true;
  void answer.then((value) => {
    if (waiting) {
      waiting = false;
      deliver(value);
    }
  });
  return () => {
    if (waiting) {
      waiting = false;
      onAbandon?.();
    }
  };
}

/** Which question an answer belongs to. */
export interface Question {
  /** Stands for the call and its arguments (compared with `Object.is`). */
  readonly key: unknown;
  /** Counts reloads: the same question asked again. */
  readonly attempt: number;
  /** Answers to questions of one group stay on screen while a newer one loads. */
  readonly group: unknown;
}

/** The last answer a caller got, with its question. */
export interface HeldAnswer<T> extends Question {
  readonly result: Result<T>;
}

/** What a caller shows. */
export interface AnswerView<T> {
  /** The answer to this question, or to an earlier one of its group while this one loads; null when none or failed. */
  readonly value: T | null;
  /** Why that answer failed; null when it did not. */
  readonly error: ApiError | null;
  /** True until the answer to this very question (and attempt) has come. */
  readonly loading: boolean;
}

/**
 * What a caller sees: nothing when it asks nothing (`wanted` null); the held answer when it
 * answers the wanted question or one of its group (a reload keeps its list on screen); nothing
 * but `loading` for a new question, so an older question's answer never shows as this one's.
 */
export function answerView<T>(held: HeldAnswer<T> | null, wanted: Question | null): AnswerView<T> {
  if (wanted === null) {
    return { value: null, error: null, loading: false };
  }
  if (held === null) {
    return { value: null, error: null, loading: true };
  }
  const loading = !Object.is(held.key, wanted.key) || held.attempt !== wanted.attempt;
  if (!Object.is(held.group, wanted.group)) {
    return { value: null, error: null, loading };
  }
  return held.result.ok
    ? { value: held.result.value, error: null, loading }
    : { value: null, error: held.result.error, loading };
}
