import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import type { HeldAnswer, Question } from '../../../renderer/app/latest-answer';
import { answerView, deliverUnlessStopped } from '../../../renderer/app/latest-answer';

/** A promise the test settles when it wants. */
function later<T>(): { promise: Promise<T>; settle: (value: T) => void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const q = (key: unknown, attempt = 0, group: unknown = key): Question => ({ key, attempt, group });
const held = <T>(question: Question, result: Result<T>): HeldAnswer<T> => ({ ...question, result });

describe('deliverUnlessStopped', () => {
  it('delivers an answer that comes while it is wanted, and then has nothing to cancel', async () => {
    const { promise, settle } = later<string>();
    const got: string[] = [];
    const abandoned: string[] = [];
    const stop = deliverUnlessStopped(promise, (v) => got.push(v), () => abandoned.push('cancel'));
    settle('a');
    await flush();
    stop();
    expect(got).toEqual(['a']);
    expect(abandoned).toEqual([]);
  });

  it('drops an answer that comes after stop, and cancels it once', async () => {
    const { promise, settle } = later<string>();
    const got: string[] = [];
    const abandoned: string[] = [];
    const stop = deliverUnlessStopped(promise, (v) => got.push(v), () => abandoned.push('cancel'));
    stop();
    stop();
    settle('late');
    await flush();
    expect(got).toEqual([]);
    expect(abandoned).toEqual(['cancel']);
  });

  it('shows only the newer question\'s answer when the older one answers last', async () => {
    const older = later<string>();
    const newer = later<string>();
    const got: string[] = [];
    const stopOlder = deliverUnlessStopped(older.promise, (v) => got.push(v));
    // The arguments changed: the hook stops the old question before asking the new one.
    stopOlder();
    deliverUnlessStopped(newer.promise, (v) => got.push(v));
    newer.settle('new');
    older.settle('old');
    await flush();
    expect(got).toEqual(['new']);
  });
});

describe('answerView', () => {
  it('asks nothing, or waits for a first answer', () => {
    expect(answerView(held(q('a'), ok(1)), null)).toEqual({ value: null, error: null, loading: false });
    expect(answerView(null, q('a'))).toEqual({ value: null, error: null, loading: true });
  });

  it('shows the answer to the question asked', () => {
    expect(answerView(held(q('a'), ok(1)), q('a'))).toEqual({ value: 1, error: null, loading: false });
    const failed = held<number>(q('a'), { ok: false, error: { code: 'io', message: 'gone' } });
    expect(answerView(failed, q('a'))).toEqual({ value: null, error: { code: 'io', message: 'gone' }, loading: false });
  });

  it('keeps the answer on screen through a reload, loading until the new one comes', () => {
    expect(answerView(held(q('a', 0), ok(1)), q('a', 1))).toEqual({ value: 1, error: null, loading: true });
    expect(answerView(held(q('a', 1), ok(2)), q('a', 1))).toEqual({ value: 2, error: null, loading: false });
  });

  it('never shows an older question\'s answer as a new one\'s, unless both are of one group', () => {
    expect(answerView(held(q('a'), ok(1)), q('b'))).toEqual({ value: null, error: null, loading: true });
    expect(answerView(held(q('a', 0, 'g'), ok(1)), q('b', 0, 'g'))).toEqual({ value: 1, error: null, loading: true });
    expect(answerView(held(q('a', 0, 'g'), ok(1)), q('b', 0, 'h'))).toEqual({ value: null, error: null, loading: true });
  });

  it('tells keys apart by identity, so two subjects with the same content are two questions', () => {
    const one = { n: 1 };
    expect(answerView(held(q(one), ok(1)), q({ n: 1 })).loading).toBe(true);
    expect(answerView(held(q(one), ok(1)), q(one)).loading).toBe(false);
  });
});
