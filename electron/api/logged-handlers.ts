import type { CallName } from '../../shared/api/contract';
import type { Handlers } from '../../shared/api/dispatch';
import { toApiError } from '../../shared/api/result';

/**
 * Wraps every handler so an unexpected error (not a typed AuditlensError: a bug, a crash of a
 * library) reaches `onUnexpected` with its stack before dispatch turns it into the generic
 * "Something went wrong" sentence the window shows where the user acted.
 */
export function loggedHandlers(handlers: Handlers, onUnexpected: (call: CallName, error: unknown) => void): Handlers {
  const wrapped: Record<string, (input: never, ctx: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: never, ctx: never) => Promise<unknown>][]) {
    wrapped[name] = async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } catch (e) {
        if (toApiError(e).code === 'internal') {
          onUnexpected(name, e);
        }
        throw e;
      }
    };
  }
  return wrapped as unknown as Handlers;
}
