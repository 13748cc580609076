import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The "Export CSV" dialog (table explorer, runs toolbar, steps pane): choice, summary, options, progress and result. */
export class ExportDialogPage {
  public readonly openButton: Locator;
  public readonly root: Locator;
  public readonly count: Locator;
  public readonly columns: Locator;
  public readonly filters: Locator;
  /** The sort the file keeps, in words (absent when it keeps the store's order). */
  public readonly order: Locator;
  public readonly startButton: Locator;
  public readonly cancelButton: Locator;
  public readonly progress: Locator;
  public readonly done: Locator;
  public readonly error: Locator;
  public readonly provenanceLink: Locator;
  public readonly closeButton: Locator;

  public constructor(private readonly page: Page) {
    this.openButton = page.getByTestId('export-button');
    this.root = page.getByTestId('export-dialog');
    this.count = this.root.getByTestId('export-count');
    this.columns = this.root.getByTestId('export-column');
    this.filters = this.root.getByTestId('export-filter');
    this.order = this.root.getByTestId('export-order');
    this.startButton = this.root.getByTestId('export-start');
    this.cancelButton = this.root.getByTestId('export-cancel');
    this.progress = this.root.getByTestId('export-progress');
    this.done = this.root.getByTestId('export-done');
    this.error = this.root.getByTestId('export-error');
    this.provenanceLink = this.root.getByTestId('export-download-provenance');
    this.closeButton = this.root.getByTestId('export-close');
  }

  /** Opens the dialog from the toolbar button. */
  public async open(): Promise<void> {
    await this.openFrom(this.openButton);
  }

  /** Opens the dialog with Ctrl+E, as the view on screen offers it. */
  public async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+e');
    await expect(this.root).toBeVisible();
  }

  /** Opens the dialog from another export button (the steps pane's "Export steps…"). */
  public async openFrom(button: Locator): Promise<void> {
    await button.click();
    await expect(this.root).toBeVisible();
  }

  /** Closes the dialog with Escape, as the user would while no export runs. */
  public async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }

  /** The "Export" radio with this label ("Runs", "Steps of these runs"). */
  public choice(label: string): Locator {
    return this.root.getByRole('radio', { name: label, exact: true });
  }

  /** Picks what to export by its radio's label. */
  public async choose(label: string): Promise<void> {
    await this.choice(label).check();
    await expect(this.choice(label)).toBeChecked();
  }

  /** Why the alternative cannot be picked now, shown under its radio. */
  public get choiceUnavailable(): Locator {
    return this.root.getByTestId('export-choice-unavailable');
  }

  /** The exact row count the dialog says it will write (fails while counting or when inexact). */
  public async exactCount(): Promise<number> {
    await expect(this.count).toHaveAttribute('data-exact', 'true');
    return Number(await this.count.getAttribute('data-value'));
  }

  /** The listed column names, in order. */
  public async columnNames(): Promise<string[]> {
    return this.columns.allTextContents();
  }

  /** Picks "Safe for spreadsheets" or "Raw". */
  public async chooseMode(mode: 'safe' | 'raw'): Promise<void> {
    await this.root.getByTestId(`export-mode-${mode}`).click();
    await expect(this.root.getByTestId(`export-mode-${mode}`)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Ticks or clears "Write provenance". */
  public async setProvenance(on: boolean): Promise<void> {
    await this.root.getByTestId('export-provenance').setChecked(on);
  }

  /** Clicks Export and returns the browser download it starts (browser mode). */
  public async exportAndDownload(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.startButton.click();
    const d = await download;
    await expect(this.done).toBeVisible();
    return d;
  }

  /** Clicks "Download provenance" and returns that download. */
  public async downloadProvenance(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.provenanceLink.click();
    return download;
  }
}
