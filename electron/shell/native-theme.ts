/**
 * The theme on the native side: `nativeTheme.themeSource` follows the user's choice, which also
 * makes `prefers-color-scheme` in the page, the menus and the dialogs follow it ('system' = the OS).
 */
import type { ThemeChoice } from '../../shared/model/settings';
import type { NativeTheme } from './electron-surface';

/** The window's background before the page paints (the renderer's --bg of each theme). */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#16181d' } as const;

/** Sets the native theme from the settings. */
export function applyTheme(nativeTheme: NativeTheme, choice: ThemeChoice): void {
  nativeTheme.themeSource = choice;
}

/** The background a new window paints first, so a dark theme never flashes white. */
export function windowBackground(nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>): string {
  return nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}
