/**
 * Light and dark: the theme follows the OS (`prefers-color-scheme`, which Electron's
 * `nativeTheme` also drives) unless the settings choose one. The choice lands on <html> as
 * `data-theme` for the app's CSS variables (theme.css) and as `data-ag-theme-mode` for AG Grid,
 * whose theme has a dark mode (GRID_DARK_PARAMS).
 */
import { useEffect, useState } from 'react';
import type { ThemeChoice } from '../../shared/model/settings';
import './theme.css';

/** A theme as applied. */
export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme to show for a choice, given what the OS prefers. */
export function resolveTheme(choice: ThemeChoice, osPrefersDark: boolean): ResolvedTheme {
  if (choice === 'system') {
    return osPrefersDark ? 'dark' : 'light';
  }
  return choice;
}

/** Puts a theme on the document: the app's CSS and AG Grid's theme mode both read it. */
export function applyDocumentTheme(theme: ResolvedTheme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  root.dataset.agThemeMode = theme;
  // Native form controls and scrollbars follow too.
  root.style.colorScheme = theme;
}

/** Applies the theme for `choice` and keeps following the OS while the choice is 'system'. */
export function useTheme(choice: ThemeChoice): ResolvedTheme {
  const [osDark, setOsDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const onChange = (): void => setOsDark(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  const theme = resolveTheme(choice, osDark);
  useEffect(() => applyDocumentTheme(theme), [theme]);
  return theme;
}

/** AG Grid's colours in dark mode (its theme's 'dark' mode, chosen by `data-ag-theme-mode`); same roles as the light ones. */
export const GRID_DARK_PARAMS = {
  accentColor: '#4c8dff',
  backgroundColor: '#16181d',
  foregroundColor: '#e6e8eb',
  borderColor: '#2e333b',
  chromeBackgroundColor: '#1d2026',
  headerBackgroundColor: '#1d2026',
  oddRowBackgroundColor: '#1a1d22',
  rowHoverColor: '#242932',
  selectedRowBackgroundColor: '#1e3358',
  browserColorScheme: 'dark',
} as const;
