/**
 * The main window's size, position and maximised state, kept across launches in the app's data
 * folder. A saved position is used only while enough of the window lands on a display that still
 * exists (a laptop unplugged from its monitor must not open the app off-screen).
 */
import path from 'node:path';
import { readJsonFile, writeJsonFile } from '../app-data/json-file';
import type { BrowserWindow, Rectangle } from './electron-surface';

/** What is saved. */
export interface WindowState {
  readonly bounds: Rectangle;
  readonly maximized: boolean;
}

/** Where and how big the window opens. */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** The first launch's size; also the window's minimum. */
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;
/** Of the window's top strip (where its title bar is), this much must be on a display to reuse the position. */
const VISIBLE = { width: 120, height: 40 } as const;

function isRectangle(v: unknown): v is Rectangle {
  const r = v as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Turns a saved state (anything read from disk) into a placement that fits today's displays. */
export function placeWindow(saved: unknown, displays: readonly Rectangle[]): WindowPlacement {
  const state = saved as Partial<WindowState> | null;
  if (typeof state !== 'object' || state === null || !isRectangle(state.bounds)) {
    return { ...DEFAULT_SIZE, maximized: false };
  }
  const largest = displays.reduce((m, d) => ({ width: Math.max(m.width, d.width), height: Math.max(m.height, d.height) }), { width: 0, height: 0 });
  const width = Math.round(Math.max(MIN_SIZE.width, Math.min(state.bounds.width, largest.width || state.bounds.width)));
  const height = Math.round(Math.max(MIN_SIZE.height, Math.min(state.bounds.height, largest.height || state.bounds.height)));
  const maximized = state.maximized === true;
  const titleStrip = { x: state.bounds.x, y: state.bounds.y, width, height: VISIBLE.height };
  const onScreen = displays.some((d) => {
    const o = overlap(titleStrip, d);
    return o.width >= Math.min(VISIBLE.width, width) && o.height >= VISIBLE.height;
  });
  return onScreen ? { x: Math.round(state.bounds.x), y: Math.round(state.bounds.y), width, height, maximized } : { width, height, maximized };
}

/** The saved state's file in the app's data folder. */
export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}

/** Reads the saved state for today's displays. */
export function loadWindowPlacement(file: string, displays: readonly Rectangle[]): WindowPlacement {
  return placeWindow(readJsonFile<unknown>(file, null), displays);
}

/** Saves the window's normal bounds and maximised state when it closes. */
export function keepWindowState(win: Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized'>, file: string): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeJsonFile(file, state);
    } catch {
      // Losing the window's position is not worth an error at quit.
    }
  });
}
