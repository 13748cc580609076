import path from 'node:path';
import type { Settings } from '../../shared/model/settings';
import { settingsSchema } from '../../shared/model/settings';
import { readJsonFile, writeJsonFile } from './json-file';

/** The user's settings in the app's data folder; a missing or damaged file reads as the defaults. */
export class SettingsStore {
  private readonly file: string;

  public constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  /** The settings, every field present. */
  public get(): Settings {
    const parsed = settingsSchema.safeParse(readJsonFile<unknown>(this.file, {}));
    return parsed.success ? parsed.data : settingsSchema.parse({});
  }

  /** Applies a change and returns the settings after it. */
  public set(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    writeJsonFile(this.file, next);
    return next;
  }
}
