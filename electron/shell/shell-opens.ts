/**
 * Files the OS hands the running app: `auditlens FILE` while it runs (second-instance) and macOS
 * open-file (Finder, Dock, Open With). Each path is checked like a launch argument, kept under a
 * ticket (shell-tickets.ts) and announced to the window, which opens it with `stores.openTicket`.
 * Paths that arrive before the window's page has loaded wait for it.
 */
import type { AppEvent } from '../../shared/api/app-events';
import type { LaunchStore } from './open-dialog';
import { checkStorePath, storePathFromArgv } from './open-dialog';
import type { ShellTickets } from './shell-tickets';

/** What routing needs from main. */
export interface ShellOpensDeps {
  readonly tickets: ShellTickets;
  readonly send: (event: AppEvent) => void;
  /** Brings the window to the front. */
  readonly focus: () => void;
  readonly log: (message: string) => void;
}

/** Routes handed-over files to the window. */
export class ShellOpens {
  private loaded = false;
  private readonly waiting: string[] = [];

  public constructor(private readonly deps: ShellOpensDeps) {}

  /** The window's page has loaded: announce what waited. */
  public windowLoaded(): void {
    this.loaded = true;
    for (const path of this.waiting.splice(0)) {
      this.announce(path);
    }
  }

  /** The window is gone (or reloading): hold new files until it loads again. */
  public windowUnloaded(): void {
    this.loaded = false;
  }

  /** A second `auditlens [FILE]`: focus this window and open its file, if it named one. */
  public fromSecondInstance(argv: readonly string[], cwd: string, isPackaged: boolean): void {
    this.deps.focus();
    const launch = storePathFromArgv(argv, isPackaged, cwd);
    if (launch.kind !== 'none') {
      this.open(launch);
    }
  }

  /** macOS open-file: always an absolute path from the OS. */
  public fromOpenFile(path: string): void {
    this.deps.focus();
    const checked = checkStorePath(path, '/', 'The file the system asked Auditlens to open is not a valid path.');
    if (checked.kind !== 'none') {
      this.open(checked);
    }
  }

  private open(launch: Exclude<LaunchStore, { kind: 'none' }>): void {
    if (launch.kind === 'invalid') {
      this.deps.log(launch.message);
      this.deps.send({ kind: 'problem', message: launch.message });
      return;
    }
    if (this.loaded) {
      this.announce(launch.path);
    } else {
      this.waiting.push(launch.path);
    }
  }

  private announce(path: string): void {
    this.deps.send({ kind: 'open-ticket', ticket: this.deps.tickets.issue(path), label: path });
  }
}
