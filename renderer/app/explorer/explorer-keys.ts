/**
 * The explorer's single-key shortcuts, lnav-style: each mode's key (`r` runs, `t` tables) and `/`
 * find. They act only when the user is not typing (an input, a select, editable text) and no
 * modifier is held, so Ctrl+R and typing an "r" in a filter box keep their usual meaning.
 */
import type { ExplorerMode, ModeId } from './explorer-modes';
import { EXPLORER_MODES } from './explorer-modes';

/** What a key press asks the explorer to do: show a mode, or find. */
export type ExplorerKeyAction = ModeId | 'find' | null;

/** The parts of a key event the decision needs. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** True when focus is in a text field, a select or editable content. */
  readonly typing: boolean;
}

/** The action of a key press, or null when the key is not a shortcut here. */
export function explorerKeyAction(press: KeyPress, modes: readonly (ExplorerMode & { readonly id: ModeId })[] = EXPLORER_MODES): ExplorerKeyAction {
  if (press.typing || press.ctrlKey || press.metaKey || press.altKey) {
    return null;
  }
  if (press.key === '/') {
    return 'find';
  }
  return modes.find((m) => m.key === press.key)?.id ?? null;
}

/**
 * True when an element takes typed text, or sits in an open popover (a filter form, the column
 * chooser), so single-key shortcuts must stay out of its way.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target.closest('[role="dialog"]') !== null) {
    return true;
  }
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') {
    return true;
  }
  if (tag !== 'INPUT') {
    return false;
  }
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
