import type { Locator, Page } from '@playwright/test';
import { cssEscape, revealGridColumn } from './grid-headers';

/** Foreign-key values shown as links in the tables grid, and the table they open. */
export class RelatedLinks {
  /** The right-click menu of a grid (copy the cell, or the rows as CSV, JSON or Markdown). */
  public readonly copyMenu: Locator;
  /** The note that says what was copied. */
  public readonly copyNote: Locator;

  public constructor(private readonly page: Page) {
    this.copyMenu = page.getByTestId('copy-menu');
    this.copyNote = page.getByTestId('copy-note');
  }

  /** A cell of the open table's grid. */
  public cell(row: number, column: string): Locator {
    return this.page.getByTestId('grid').locator(`.ag-row[row-index="${row}"] [col-id="${cssEscape(column)}"]`);
  }

  /** What the clipboard holds. */
  public async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The link in a row (0-based) of a column of the open table's grid. */
  public link(row: number, column: string): Locator {
    return this.page.getByTestId('grid').locator(`.ag-row[row-index="${row}"] [col-id="${cssEscape(column)}"]`).getByTestId('related-link');
  }

  /** The table view of a table, once it is the one shown. */
  public tableView(name: string): Locator {
    return this.page.locator(`[data-testid="table-view"][data-table="${cssEscape(name)}"]`);
  }

  /** Shows one of the runs view's own columns through its column chooser, scrolled into view. */
  public async showRunColumn(column: string): Promise<void> {
    const view = this.page.getByTestId('runs-view');
    await view.locator('.toolbar').getByTestId('column-chooser').click();
    await this.page.locator(`[data-testid="column-option"][data-column="${cssEscape(column)}"]`).check();
    await this.page.keyboard.press('Escape');
    await revealGridColumn(this.page, view.getByTestId('runs-grid'), column);
  }

  /** The link in a row (0-based) of a column of the runs grid. */
  public runLink(row: number, column: string): Locator {
    return this.page.getByTestId('runs-view').getByTestId('runs-grid').locator(`.ag-row[row-index="${row}"] [col-id="${cssEscape(column)}"]`).getByTestId('run-link');
  }
}
