import type { CallInput, CallName, CallResult } from './contract';
import { contract } from './contract';
import type { Result } from './result';
import { err, ok, toApiError } from './result';

/** Per-call information a transport knows about the caller. */
export interface CallContext {
  readonly transport: 'ipc' | 'http' | 'cli' | 'test';
}

/** One implementation per contract call. */
export type Handlers = {
  readonly [K in CallName]: (input: CallInput<K>, ctx: CallContext) => Promise<CallResult<K>>;
};

/** True when the string names a contract call. */
export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Validates untrusted input against the call's schema, runs its handler and turns any thrown
 * error into a failed Result: the single path every transport goes through.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return err('bad-input', `Auditlens has no call named "${name.slice(0, 80)}".`);
  }
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return err('bad-input', `The request to ${name} was not valid${where}: ${issue?.message ?? 'unknown problem'}.`);
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return ok(await handler(parsed.data, ctx));
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
