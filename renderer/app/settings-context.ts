/**
 * The user's settings for views deep in the explorer (the runs view remembers its folded facets):
 * the app shell loads them once and provides them here, so no feature imports the settings feature.
 */
import { createContext, useContext } from 'react';
import type { Settings } from '../../shared/model/settings';

/** The settings and how to change some of them (saved by the main process or server). */
export interface SettingsAccess {
  readonly settings: Settings;
  readonly change: (patch: Partial<Settings>) => void;
}

/** Provided by the app shell. */
export const SettingsContext = createContext<SettingsAccess | null>(null);

/** The settings; outside the shell (a test rendering one view) there are none to read. */
export function useSettingsAccess(): SettingsAccess | null {
  return useContext(SettingsContext);
}
