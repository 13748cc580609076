/**
 * Errors nobody asked for: an exception or rejection no code caught in the main process, a
 * renderer or utility process that died. Each is written to the app's log (secrets taken out) and
 * the window is told in one sentence, so the user sees what happened instead of a blank page.
 */
import type { AppEvent } from '../../shared/api/app-events';
import type { AppLog } from '../app-data/app-log';
import type { ElectronSurface, WebContents } from './electron-surface';

/** What reporting needs: the log, and a way to tell the window (a no-op while there is none). */
export interface ErrorReporting {
  readonly log: Pick<AppLog, 'write'>;
  readonly send: (event: AppEvent) => void;
}

/** The sentence the window shows for an unexpected error. */
export function problemSentence(what: string): string {
  return `${what}; the details are in the log (Help → Show Log).`;
}

/** Logs an unexpected error and tells the window. */
export function reportUnexpected(r: ErrorReporting, what: string, error?: unknown): void {
  r.log.write('error', what, error);
  r.send({ kind: 'problem', message: problemSentence(what) });
}

/** Hooks the process-wide and app-wide failure events; call once, early. */
export function installErrorReporting(proc: Pick<NodeJS.Process, 'on'>, app: Pick<ElectronSurface['app'], 'on'>, r: ErrorReporting): void {
  proc.on('uncaughtException', (e) => reportUnexpected(r, 'Auditlens hit an unexpected error', e));
  proc.on('unhandledRejection', (e) => reportUnexpected(r, 'Auditlens hit an unexpected error', e));
  app.on('child-process-gone', (_event, details) => {
    // Workers we stop are 'killed'; a clean exit is a finished job. SQLite workers (utility
    // processes) are logged by their spawner with their stderr, and their request fails with a sentence.
    if (details.reason !== 'clean-exit' && details.reason !== 'killed' && details.type !== 'Utility') {
      const name = details.serviceName ?? details.type;
      reportUnexpected(r, `A helper process (${name}) stopped unexpectedly (${details.reason}, exit ${details.exitCode})`);
    }
  });
}

/**
 * When the page's process dies, the window would stay blank: log it, load the app again, and once
 * it has loaded tell it what happened.
 */
export function recoverFromRendererCrash(contents: Pick<WebContents, 'on' | 'reload'>, r: ErrorReporting): void {
  let crashed: string | null = null;
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') {
      return;
    }
    crashed = `The window stopped unexpectedly (${details.reason}) and was reloaded`;
    r.log.write('error', `${crashed}, exit ${details.exitCode}`);
    contents.reload();
  });
  contents.on('did-finish-load', () => {
    if (crashed !== null) {
      r.send({ kind: 'problem', message: problemSentence(crashed) });
      crashed = null;
    }
  });
}
