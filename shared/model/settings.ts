import { z } from 'zod';

/** The theme choices: follow the operating system, or always light or dark. */
export const THEMES = ['system', 'light', 'dark'] as const;

/** A theme choice. */
export type ThemeChoice = (typeof THEMES)[number];

/** The user's settings, each defaulting to what a new user gets (the OS theme, no store reopened). */
export const settingsSchema = z.object({
  theme: z.enum(THEMES).default('system'),
  /** Open the most recent store when the app starts (off by default: an app that opens production data by itself surprises). */
  reopenLastStore: z.boolean().default(false),
  /** The runs view's facets folded to a thin strip (for a laptop screen); remembered across launches. */
  facetsCollapsed: z.boolean().default(false),
});

/** Settings as stored and returned. */
export type Settings = z.output<typeof settingsSchema>;

/** A change to some settings, as the settings panel sends it. */
export const settingsPatchSchema = z.object({
  theme: z.enum(THEMES).optional(),
  reopenLastStore: z.boolean().optional(),
  facetsCollapsed: z.boolean().optional(),
}).strict();
