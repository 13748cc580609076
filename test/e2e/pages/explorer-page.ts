import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { cssEscape, gridHeader, revealGridColumn, sortGridBy } from './grid-headers';

/** The explorer of an open store: sidebar, grid, filters, row detail and status bar. */
export class ExplorerPage {
  public readonly root: Locator;
  public readonly tableFilter: Locator;
  public readonly grid: Locator;
  public readonly rowCount: Locator;
  public readonly filterChips: Locator;
  public readonly rowDetail: Locator;
  public readonly errorBar: Locator;

  public constructor(private readonly page: Page) {
    this.root = page.getByTestId('explorer');
    this.tableFilter = page.getByTestId('table-filter');
    this.grid = page.getByTestId('grid');
    this.rowCount = page.getByTestId('row-count');
    this.filterChips = page.getByTestId('filter-chip');
    this.rowDetail = page.getByTestId('row-detail');
    this.errorBar = page.getByTestId('error-bar');
  }

  /** The sidebar entry of a table. */
  public tableItem(name: string): Locator {
    return this.page.locator(`[data-testid="table-item"][data-table="${cssEscape(name)}"]`);
  }

  /** Switches to the tables (a store with a known audit format opens on its runs). */
  public async showTables(): Promise<void> {
    await this.page.getByTestId('mode-tables').click();
    await expect(this.tableFilter).toBeVisible();
  }

  /** Opens a table from the sidebar and waits for its first rows. */
  public async openTable(name: string): Promise<void> {
    await this.showTables();
    await this.tableFilter.fill(name);
    await this.tableItem(name).click();
    await this.page.locator(`[data-testid="table-view"][data-table="${cssEscape(name)}"]`).waitFor();
    await this.waitForRows();
  }

  /** Waits until the grid shows at least one loaded row. */
  public async waitForRows(): Promise<void> {
    await expect(this.gridRows().first()).toBeVisible();
  }

  /** The rendered body rows of the grid (header rows carry no `row-index`). */
  public gridRows(): Locator {
    return this.grid.locator('.ag-row[row-index]');
  }

  /** The i-th body row (0-based), once rendered. */
  public gridRow(i: number): Locator {
    return this.grid.locator(`.ag-row[row-index="${i}"]`);
  }

  /** A column's header. */
  public header(column: string): Locator {
    return gridHeader(this.grid, column);
  }

  /** Scrolls the grid sideways until a column's header is rendered. */
  public async revealColumn(column: string): Promise<void> {
    await revealGridColumn(this.page, this.grid, column);
  }

  /** Opens the filter popover of a column from its header's filter button. */
  public async openFilter(column: string): Promise<Locator> {
    await this.revealColumn(column);
    await this.header(column).getByTestId('column-filter-button').click();
    const popover = this.page.getByTestId('filter-popover');
    await popover.waitFor();
    return popover;
  }

  /** Filters a column to one value: ticks it in the value list when listed, else uses "equals". */
  public async filterColumnEquals(column: string, value: string): Promise<void> {
    const popover = await this.openFilter(column);
    const list = popover.getByTestId('value-list');
    const tooMany = popover.getByText(/distinct values/);
    await expect(list.or(tooMany)).toBeVisible();
    if (await list.isVisible()) {
      await list.locator(`[data-testid="value-option"][data-value="${cssEscape(value)}"]`).check();
    } else {
      await popover.getByTestId('filter-text-op').selectOption('eq');
      await popover.getByTestId('filter-text').fill(value);
    }
    await popover.getByTestId('filter-apply').click();
    await expect(popover).toBeHidden();
  }

  /** Sorts by a column (click on its header); `add` holds Shift to add it to the current sort. */
  public async sortBy(column: string, add = false): Promise<void> {
    await sortGridBy(this.page, this.grid, column, add);
  }

  /** The sort arrow of a column's header (absent when the column is not sorted). */
  public sortIndicator(column: string): Locator {
    return this.header(column).locator('.col-sort');
  }

  /** Hides a column through the column chooser. */
  public async hideColumn(column: string): Promise<void> {
    await this.page.getByTestId('column-chooser').click();
    await this.page.locator(`[data-testid="column-option"][data-column="${cssEscape(column)}"]`).uncheck();
    await this.page.keyboard.press('Escape');
  }

  /** The column chooser's button, whose text says how many columns are shown. */
  public columnChooser(): Locator {
    return this.page.getByTestId('column-chooser');
  }

  /** Filters a column by text: `op` is the popover's text match (contains, eq, startsWith, notContains). */
  public async filterColumnText(column: string, op: 'contains' | 'eq' | 'startsWith' | 'notContains', text: string): Promise<void> {
    const popover = await this.openFilter(column);
    await popover.getByTestId('filter-text-op').selectOption(op);
    await popover.getByTestId('filter-text').fill(text);
    await popover.getByTestId('filter-text').press('Enter');
    await expect(popover).toBeHidden();
  }

  /** The error bar's entries. */
  public errorItems(): Locator {
    return this.page.getByTestId('error-item');
  }

  /** The status bar's row count text, once counting is done. */
  public async rowCountText(): Promise<string> {
    await expect(this.rowCount).not.toHaveText('counting…');
    return (await this.rowCount.textContent()) ?? '';
  }

  /** The exact count in the status bar as a number (fails when the count is only a lower bound). */
  public async exactRowCount(): Promise<number> {
    await this.rowCountText();
    await expect(this.rowCount).toHaveAttribute('data-exact', 'true');
    return Number(await this.rowCount.getAttribute('data-value'));
  }

  /** Opens the row detail of the i-th row (0-based) by clicking it. */
  public async openRowDetail(i: number): Promise<void> {
    await this.gridRow(i).locator('.ag-cell').first().click();
    await this.rowDetail.waitFor();
    await expect(this.rowDetail.getByText('loading…')).toHaveCount(0);
  }

  /** The value text of one field in the row detail. */
  public detailValue(column: string): Locator {
    return this.rowDetail.locator(`[data-testid="detail-field"][data-column="${cssEscape(column)}"] dd`);
  }

  /** A grid cell in the i-th row (reveal its column first when it may be scrolled out of view). */
  public cell(i: number, column: string): Locator {
    return this.gridRow(i).locator(`[col-id="${cssEscape(column)}"]`);
  }
}
