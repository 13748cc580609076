import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The SQL mode of the explorer: the editor and its completions, Run/Cancel, the result grid, the sentence of a refusal. */
export class ConsolePage {
  public readonly modeButton: Locator;
  public readonly root: Locator;
  public readonly editor: Locator;
  public readonly completions: Locator;
  public readonly runButton: Locator;
  public readonly cancelButton: Locator;
  public readonly grid: Locator;
  public readonly error: Locator;
  public readonly rowCount: Locator;
  public readonly elapsed: Locator;
  public readonly exportButton: Locator;

  public constructor(private readonly page: Page) {
    this.modeButton = page.getByTestId('mode-sql');
    this.root = page.getByTestId('console-view');
    this.editor = page.getByTestId('sql-input');
    this.completions = page.getByTestId('sql-completion');
    this.runButton = page.getByTestId('sql-run');
    this.cancelButton = page.getByTestId('sql-cancel');
    this.grid = page.getByTestId('sql-grid');
    this.error = page.getByTestId('sql-error');
    this.rowCount = page.getByTestId('sql-row-count');
    this.elapsed = page.getByTestId('sql-elapsed');
    this.exportButton = this.root.getByTestId('export-button');
  }

  /** Switches the explorer to the SQL mode. */
  public async open(): Promise<void> {
    await this.modeButton.click();
    await expect(this.editor).toBeVisible();
  }

  /** Replaces the statement with `sql`, typed key by key as a user would. */
  public async type(sql: string): Promise<void> {
    await this.editor.click();
    await this.editor.press('Control+a');
    await this.editor.press('Delete');
    await this.editor.pressSequentially(sql, { delay: 5 });
    await this.page.keyboard.press('Escape');
  }

  /** Runs the statement with Ctrl+Enter from the editor. */
  public async runWithKeyboard(): Promise<void> {
    await this.editor.press('Control+Enter');
  }

  /** Waits for the result grid's first row. */
  public async waitForRows(): Promise<void> {
    await expect(this.grid.locator('.ag-row[row-index]').first()).toBeVisible();
  }

  /** The result's header names, in order. */
  public async headers(): Promise<string[]> {
    const texts = await this.grid.locator('.ag-header-cell .ag-header-cell-text').allTextContents();
    return texts.map((t) => t.trim());
  }

  /** The rendered rows of the result, as the grid shows their cells, in row order. */
  public async rows(columns: number): Promise<string[][]> {
    const rows = this.grid.locator('.ag-row[row-index]');
    const n = await rows.count();
    const out: { index: number; cells: string[] }[] = [];
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const cells: string[] = [];
      for (let c = 0; c < columns; c++) {
        cells.push(((await row.locator(`.ag-cell[col-id="c${c}"]`).textContent()) ?? '').trim());
      }
      out.push({ index: Number(await row.getAttribute('row-index')), cells });
    }
    return out.sort((a, b) => a.index - b.index).map((r) => r.cells);
  }

  /** The exact row count under the grid. */
  public async exactRowCount(): Promise<number> {
    await expect(this.rowCount).toHaveAttribute('data-exact', 'true');
    return Number(await this.rowCount.getAttribute('data-value'));
  }
}
