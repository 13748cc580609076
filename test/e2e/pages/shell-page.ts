import type { Locator, Page } from '@playwright/test';

/** The window around the screens: theme, settings dialog, file drops and the error bar. */
export class ShellPage {
  public readonly settingsButton: Locator;
  public readonly settingsDialog: Locator;
  public readonly reopenLastStore: Locator;
  public readonly dropOverlay: Locator;
  public readonly errorBar: Locator;

  public constructor(private readonly page: Page) {
    this.settingsButton = page.getByTestId('open-settings');
    this.settingsDialog = page.getByTestId('settings-dialog');
    this.reopenLastStore = page.getByTestId('reopen-last-store');
    this.dropOverlay = page.getByTestId('drop-overlay');
    this.errorBar = page.getByTestId('error-bar');
  }

  /** The settings' theme switch for one choice. */
  public themeChoice(choice: 'system' | 'light' | 'dark'): Locator {
    return this.settingsDialog.getByTestId(`theme-${choice}`);
  }

  /** Opens the settings with Ctrl+, (from any screen). */
  public async openSettingsByKey(): Promise<void> {
    await this.page.keyboard.press('Control+Comma');
    await this.settingsDialog.waitFor();
  }

  /** Closes the settings with Escape. */
  public async closeSettings(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.settingsDialog.waitFor({ state: 'hidden' });
  }

  /** The theme on the document (`data-theme`), and the one AG Grid reads (`data-ag-theme-mode`). */
  public async theme(): Promise<{ readonly app: string | null; readonly grid: string | null }> {
    return this.page.evaluate(() => ({ app: document.documentElement.dataset.theme ?? null, grid: document.documentElement.dataset.agThemeMode ?? null }));
  }

  /** The page's background colour as painted (the root element's). */
  public async pageBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  }

  /**
   * Closes the window's page and loads the app again, as a new launch would. (Going to the same
   * URL would only change its #token in place: no reload.)
   */
  public async reopenWindow(appUrl: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(appUrl);
  }

  /** The background and text colour AG Grid paints for a grid's rows. */
  public async gridColours(grid: Locator): Promise<{ readonly background: string; readonly text: string }> {
    return grid.locator('.ag-root-wrapper').first().evaluate((el) => {
      const row = el.querySelector('.ag-row .ag-cell') ?? el;
      return { background: getComputedStyle(el).backgroundColor, text: getComputedStyle(row).color };
    });
  }

  /** Drags a file over the window (as from the file manager) without dropping it. */
  public async dragFileOver(name: string): Promise<void> {
    const data = await this.fileTransfer(name);
    await this.page.dispatchEvent('body', 'dragenter', { dataTransfer: data });
    await this.page.dispatchEvent('body', 'dragover', { dataTransfer: data });
  }

  /** Drops a file on the window. */
  public async dropFile(name: string): Promise<void> {
    const data = await this.fileTransfer(name);
    await this.page.dispatchEvent('body', 'dragenter', { dataTransfer: data });
    await this.page.dispatchEvent('body', 'dragover', { dataTransfer: data });
    await this.page.dispatchEvent('body', 'drop', { dataTransfer: data });
  }

  private fileTransfer(name: string) {
    return this.page.evaluateHandle((fileName) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['SQLite format 3\0'], fileName, { type: 'application/vnd.sqlite3' }));
      return dt;
    }, name);
  }
}
