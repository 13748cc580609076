/**
 * What the desktop shell asks of the window, in one place: File menu commands and Open Recent,
 * files the OS handed over (by ticket), files dropped on the window, problems the main process
 * reports, Ctrl+, for the settings, and "Reopen last store on start". Stores opened this way
 * replace the open one; their progress shows in the usual card and their errors in the error bar.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../shared/api/app-events';
import type { AppInfo, StoreSummary } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/result';
import type { Settings } from '../../shared/model/settings';
import { pathLabel } from '../features/sources/open-progress-text';
import type { OpeningCard } from '../features/sources/use-store-opening';
import { useStoreOpening } from '../features/sources/use-store-opening';
import { call, hasBridge, onAppEvent, openDroppedFile } from './api-client';
import { isTypingTarget } from './explorer/explorer-keys';
import { isHelpKey, isOpenKey } from './shortcuts';
import { useDropTarget } from './drop-target';
import { hasLinkedStore, useLinkedStore } from './view-link/use-linked-store';

/** A dialog the shell shows over the current screen. */
export type ShellDialog = 'settings' | 'postgres' | 'shortcuts' | 'open' | null;

/** What the hook needs from the app shell. */
export interface ShellState {
  readonly info: AppInfo | null;
  readonly store: StoreSummary | null;
  /** Shows a store (the explorer) or, with null, the start screen. */
  readonly setStore: (store: StoreSummary | null) => void;
  readonly closeStore: () => void;
  readonly report: (error: ApiError, where: string) => void;
  readonly settings: Settings;
  readonly settingsLoaded: boolean;
}

/** The shell's commands, the dialog they opened, the opening card and whether files hover over the window. */
export function useShellCommands(state: ShellState): {
  readonly dialog: ShellDialog;
  readonly setDialog: (dialog: ShellDialog) => void;
  readonly card: OpeningCard | null;
  readonly cancelOpening: () => void;
  readonly dragging: boolean;
  /** Shows a store opened inside a dialog (Connect to Postgres…), closing the one it replaces. */
  readonly showOpened: (store: StoreSummary) => void;
} {
  const { store, setStore, closeStore, report, info, settings, settingsLoaded } = state;
  const [dialog, setDialog] = useState<ShellDialog>(null);
  const { card, openTracked, cancel } = useStoreOpening();
  // The store a dialog's open replaces, read when it finishes (not a render input).
  const current = useRef(store);
  useEffect(() => {
    current.current = store;
  }, [store]);

  const showOpened = useCallback((next: StoreSummary) => {
    const previous = current.current;
    if (previous && previous.storeId !== next.storeId) {
      void call('stores.close', { storeId: previous.storeId });
    }
    setDialog(null);
    setStore(next);
  }, [setStore]);

  const finish = useCallback((r: Result<StoreSummary | null>, where: string) => {
    if (r.ok) {
      // Null: the user cancelled the open dialog.
      if (r.value) {
        showOpened(r.value);
      }
    } else if (r.error.code !== 'cancelled') {
      report(r.error, where);
    }
  }, [showOpened, report]);

  /** Opens with a request id, so a slow open (a big JSON folder) shows the progress card with Cancel. */
  const openWith = useCallback(async (label: string, where: string, run: (requestId: string) => Promise<Result<StoreSummary>>) => {
    finish(await openTracked(label, run), where);
  }, [openTracked, finish]);

  const onEvent = useCallback((event: AppEvent) => {
    switch (event.kind) {
      case 'command':
        if (event.command === 'open') {
          // No progress card: it would cover the window while the OS dialog is open.
          void call('stores.openDialog', {}).then((r) => finish(r, 'Opening a store'));
        } else if (event.command === 'close-store') {
          closeStore();
        } else {
          setDialog(event.command === 'settings' ? 'settings' : 'postgres');
        }
        return;
      case 'open-recent':
        void openWith('a recent store', 'Opening a recent store', (requestId) => call('stores.openRecent', { id: event.id, requestId }));
        return;
      case 'open-ticket':
        void openWith(pathLabel(event.label), `Opening ${pathLabel(event.label)}`, (requestId) => call('stores.openTicket', { ticket: event.ticket, requestId }));
        return;
      case 'problem':
        report({ code: 'internal', message: event.message }, 'Auditlens');
        return;
    }
  }, [openWith, finish, closeStore, report]);

  useEffect(() => onAppEvent(onEvent), [onEvent]);

  const onDrop = useCallback((file: File) => {
    void openWith(file.name, `Opening the dropped ${file.name}`, (requestId) => openDroppedFile(file, requestId));
  }, [openWith]);
  const { dragging } = useDropTarget(onDrop);

  // Ctrl+, (Cmd+, on macOS) opens the settings, as in most desktop apps; Electron's menu has the same
  // accelerator. `?` opens the sheet of shortcuts wherever no text is being typed. Ctrl+O with a store
  // open, in browser mode, asks for a path in a dialog (the start screen has its own path field, and
  // Electron's File menu owns Ctrl+O there, showing the OS dialog).
  const storeOpen = store !== null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === ',') {
        e.preventDefault();
        setDialog('settings');
      } else if (isHelpKey(e) && !isTypingTarget(e.target)) {
        e.preventDefault();
        setDialog('shortcuts');
      } else if (isOpenKey(e) && storeOpen && !hasBridge()) {
        e.preventDefault();
        setDialog((d) => d ?? 'open');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [storeOpen]);

  // A reload or a pasted view link opens the store it names.
  useLinkedStore(info, openWith, report);

  // "Reopen last store on start": once, when nothing was named at launch (nor by a link).
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current || !info || !settingsLoaded) {
      return;
    }
    reopened.current = true;
    if (!settings.reopenLastStore || info.initialStore || current.current || hasLinkedStore()) {
      return;
    }
    void call('stores.recent', {}).then((r) => {
      const last = r.ok ? r.value[0] : undefined;
      if (last && !current.current) {
        void openWith(last.title, `Reopening ${last.title}`, (requestId) => call('stores.openRecent', { id: last.id, requestId }));
      }
    });
  }, [info, settings.reopenLastStore, settingsLoaded, openWith]);

  return { dialog, setDialog, card, cancelOpening: cancel, dragging, showOpened };
}
