/**
 * Help → Show Log: says where the log file is and offers to show it in the file manager. The path
 * is the app's own, never one from data, so `showItemInFolder` is safe here.
 */
import type { BrowserWindow, ElectronSurface } from './electron-surface';

/** Shows the log's location in a message box; "Show in Folder" reveals the file. */
export async function showLog(surface: Pick<ElectronSurface, 'dialog' | 'shell'>, win: BrowserWindow, logFile: string): Promise<void> {
  const { response } = await surface.dialog.showMessageBox(win, {
    type: 'info',
    title: 'Auditlens log',
    message: 'Auditlens writes unexpected errors to its log file, with passwords taken out:',
    detail: logFile,
    buttons: ['Show in Folder', 'Close'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) {
    surface.shell.showItemInFolder(logFile);
  }
}
