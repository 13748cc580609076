import type { Locator, Page } from '@playwright/test';
import { cssEscape } from './grid-headers';

/** Foreign-key values shown as links in the tables grid, and the table they open. */
export class RelatedLinks {
  public constructor(private readonly page: Page) {}

  /** The link in a row (0-based) of a column of the open table's grid. */
  public link(row: number, column: string): Locator {
    return this.page.getByTestId('grid').locator(`.ag-row[row-index="${row}"] [col-id="${cssEscape(column)}"]`).getByTestId('related-link');
  }

  /** The table view of a table, once it is the one shown. */
  public tableView(name: string): Locator {
    return this.page.locator(`[data-testid="table-view"][data-table="${cssEscape(name)}"]`);
  }
}
