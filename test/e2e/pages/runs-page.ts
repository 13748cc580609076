import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { cssEscape, gridHeader, revealGridColumn, sortGridBy } from './grid-headers';
import { StartPage } from './start-page';

/** The runs mode of an open store: format picker, facets, runs grid, the selected run's steps and run tabs. */
export class RunsPage {
  public readonly modeRuns: Locator;
  public readonly modeTables: Locator;
  public readonly root: Locator;
  public readonly formatPicker: Locator;
  /** The list of formats shown until one is chosen. */
  public readonly formatChoices: Locator;
  /** The empty state of a store with no known format. */
  public readonly empty: Locator;
  /** The runs view (facets, grid, steps); hidden while a run tab is active. */
  public readonly view: Locator;
  public readonly grid: Locator;
  public readonly rowCount: Locator;
  public readonly filterChips: Locator;
  public readonly runDetail: Locator;
  public readonly tabs: Locator;
  /** The content of the active run tab. */
  public readonly tabPanel: Locator;
  public readonly errorBar: Locator;
  /** What the open format's times without a zone mean, beside the UTC | Local switch. */
  public readonly naiveTimeNote: Locator;
  /** A failed run's error in its heading, and its first failed step pinned above the steps. */
  public readonly runHeadingError: Locator;
  public readonly firstFailure: Locator;
  public readonly firstFailureStep: Locator;
  public readonly firstFailureMessage: Locator;
  /** The selected run's "Show lineage" button (formats that record lineage). */
  public readonly showLineage: Locator;

  public constructor(private readonly page: Page) {
    this.modeRuns = page.getByTestId('mode-runs');
    this.modeTables = page.getByTestId('mode-tables');
    this.root = page.getByTestId('runs-mode');
    this.formatPicker = page.getByTestId('format-picker');
    this.formatChoices = page.getByTestId('format-choices');
    this.empty = page.getByTestId('runs-empty');
    this.view = page.getByTestId('runs-view');
    this.grid = this.view.getByTestId('runs-grid');
    this.rowCount = this.view.getByTestId('row-count');
    this.filterChips = this.view.getByTestId('filter-chip');
    this.runDetail = this.view.getByTestId('run-detail');
    this.tabs = page.getByTestId('tab');
    this.tabPanel = page.getByTestId('run-tab-panel');
    this.errorBar = page.getByTestId('error-bar');
    this.naiveTimeNote = page.getByTestId('naive-time-note');
    this.runHeadingError = this.runDetail.getByTestId('run-heading-error');
    this.firstFailure = this.runDetail.getByTestId('first-failure');
    this.firstFailureStep = this.firstFailure.getByTestId('first-failure-step');
    this.firstFailureMessage = this.firstFailure.getByTestId('first-failure-message');
    this.showLineage = page.getByTestId('run-show-lineage');
  }

  /** Sorts the runs grid by a column (click on its header); `add` holds Shift to add it to the sort. */
  public async sortBy(column: string, add = false): Promise<void> {
    await sortGridBy(this.page, this.grid, column, add);
  }

  /** Switches the explorer to its runs mode. */
  public async open(): Promise<void> {
    await this.modeRuns.click();
    await expect(this.root.or(this.empty)).toBeVisible();
  }

  /** Chooses a format by its id (e.g. `dbt-audit`; its main view, listed first) and waits for its first runs. */
  public async chooseFormat(id: string): Promise<void> {
    const value = await this.formatPicker.locator(`option[data-format-id="${cssEscape(id)}"]`).first().getAttribute('value');
    expect(value).not.toBeNull();
    await this.formatPicker.selectOption(value ?? '');
    await expect(this.view).toHaveAttribute('data-format', id);
    await this.waitForRows();
  }

  /** The usual first steps of a runs test: the start page, the demo store, runs mode, then the format `id`. */
  public async openDemoFormat(appUrl: string, id: string): Promise<void> {
    const start = new StartPage(this.page);
    await start.goto(appUrl);
    await start.openDemo();
    await this.open();
    await this.chooseFormat(id);
  }

  /** The ids of the formats the picker offers, in order. */
  public async formatIds(): Promise<string[]> {
    return this.formatPicker.locator('option[data-format-id]').evaluateAll((options) => options.map((o) => o.getAttribute('data-format-id') ?? ''));
  }

  /** Waits until the runs grid shows at least one loaded row. */
  public async waitForRows(): Promise<void> {
    await expect(this.gridRow(0).locator('.ag-cell').first()).not.toHaveText('');
  }

  /** One facet (status, run_name, actor, day). */
  public facet(column: string): Locator {
    return this.view.locator(`[data-testid="facet"][data-facet="${cssEscape(column)}"]`);
  }

  /** A value of a facet, by the text it shows. */
  public facetValue(column: string, value: string): Locator {
    return this.facet(column).locator(`[data-testid="facet-value"][data-value="${cssEscape(value)}"]`);
  }

  /**
   * Every count one facet shows, by value, read in a single pass once the facets have loaded.
   * One pass matters: reading value by value races a reload that drops a value, and the read of
   * the vanished value would wait for it forever.
   */
  public async facetCounts(column: string): Promise<Record<string, number>> {
    await expect(this.view.getByTestId('facets')).toHaveAttribute('aria-busy', 'false');
    return this.facet(column).locator('[data-testid="facet-value"]').evaluateAll((items) =>
      Object.fromEntries(items.map((el) => [
        el.getAttribute('data-value') ?? '',
        Number((el.querySelector('.facet-count')?.textContent ?? '').replace(/,/g, '')),
      ])),
    );
  }

  /** The count a facet shows for a value (0 when the value is not listed). */
  public async facetCount(column: string, value: string): Promise<number> {
    return (await this.facetCounts(column))[value] ?? 0;
  }

  /** The sum of the counts a facet shows. */
  public async facetTotal(column: string): Promise<number> {
    return Object.values(await this.facetCounts(column)).reduce((a, b) => a + b, 0);
  }

  /** Keeps only the runs of one status through its facet, and waits until the grid shows them. */
  public async showOnlyStatus(status: string): Promise<void> {
    await this.toggleFacet('status', status);
    await expect(this.statusOf(0)).toHaveAttribute('data-status', status);
  }

  /** Clicks a facet value (toggles it in the column's filter). */
  public async toggleFacet(column: string, value: string): Promise<void> {
    await this.facetValue(column, value).click();
  }

  /** The i-th body row of the runs grid (0-based). */
  public gridRow(i: number): Locator {
    return this.grid.locator(`.ag-row[row-index="${i}"]`);
  }

  /** A cell of the runs grid. */
  public cell(i: number, column: string): Locator {
    return this.gridRow(i).locator(`[col-id="${cssEscape(column)}"]`);
  }

  /** The status class shown by the pill of a runs grid row. */
  public statusOf(i: number): Locator {
    return this.cell(i, 'status').getByTestId('status');
  }

  /** The exact run count in the status bar (fails when it is only a lower bound). */
  public async exactRunCount(): Promise<number> {
    await expect(this.rowCount).not.toHaveText('counting…');
    await expect(this.rowCount).toHaveAttribute('data-exact', 'true');
    return Number(await this.rowCount.getAttribute('data-value'));
  }

  /** Selects the i-th run by clicking it and waits for its steps pane. */
  public async selectRun(i: number): Promise<void> {
    await this.cell(i, 'run_name').click();
    await expect(this.runDetail).toBeVisible();
  }

  /** The steps grid of the selected run (or of the active tab's run, from `within`). */
  public stepsGrid(within: Locator = this.runDetail): Locator {
    return within.getByTestId('steps-grid');
  }

  /** The texts of one column over every loaded step, in row order. */
  public async stepTexts(column: string, within: Locator = this.runDetail): Promise<string[]> {
    const grid = this.stepsGrid(within);
    await expect(within.getByTestId('steps-count')).not.toHaveText(/loading/);
    const total = Number(await within.getByTestId('steps-count').getAttribute('data-value'));
    await expect(grid.locator('.ag-row[row-index]')).toHaveCount(total);
    const rows = await grid.locator('.ag-row[row-index]').evaluateAll((els, col) =>
      els.map((el) => ({
        index: Number(el.getAttribute('row-index')),
        text: el.querySelector(`[col-id="${col}"]`)?.textContent ?? '',
      })), column);
    return rows.sort((a, b) => a.index - b.index).map((r) => r.text);
  }

  /** The steps pane's "Export steps…" button (of the selected run, or of the active tab's run from `within`). */
  public stepsExportButton(within: Locator = this.runDetail): Locator {
    return within.getByTestId('export-steps-button');
  }

  /** The column ids the steps grid shows, left to right. */
  public async stepColumnIds(within: Locator = this.runDetail): Promise<string[]> {
    const headers = this.stepsGrid(within).locator('.ag-header-cell[col-id]');
    await expect(headers.first()).toBeVisible();
    const cells = await headers.evaluateAll((els) => els.map((el) => ({
      id: el.getAttribute('col-id') ?? '',
      // AG Grid keeps header cells in no particular DOM order; aria-colindex is the visual one.
      at: Number(el.getAttribute('aria-colindex')),
    })));
    return cells.sort((a, b) => a.at - b.at).map((c) => c.id);
  }

  /** Opens the selected run in its own tab. */
  public async openSelectedInTab(): Promise<void> {
    await this.runDetail.getByTestId('open-run-tab').click();
    await expect(this.tabPanel).toBeVisible();
  }

  /** A field's value in the active run tab. */
  public tabField(column: string): Locator {
    return this.tabPanel.locator(`[data-testid="detail-field"][data-column="${cssEscape(column)}"] dd`);
  }

  /** "Compare with…" on the active run tab: picks the i-th other run of the same name, waits for the comparison. */
  public async compareWith(i = 0): Promise<Locator> {
    await this.tabPanel.getByTestId('compare-with').click();
    const picker = this.page.getByTestId('compare-picker');
    await picker.getByTestId('compare-choice').nth(i).click();
    const panel = this.page.getByTestId('compare-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  /** A cell (0-based row) of the steps grid of the selected run, or of the active tab's run from `within`. */
  public stepCell(row: number, column: string, within: Locator = this.runDetail): Locator {
    return this.stepsGrid(within).locator(`.ag-row[row-index="${row}"] [col-id="${cssEscape(column)}"]`);
  }

  /** Shows one of the steps' own columns through the steps pane's column chooser. */
  public async showStepColumn(column: string, within: Locator = this.runDetail): Promise<void> {
    await within.getByTestId('column-chooser').click();
    await this.page.locator(`[data-testid="column-option"][data-column="${cssEscape(column)}"]`).check();
    await this.page.keyboard.press('Escape');
    await expect(this.stepsGrid(within).locator(`.ag-header-cell[col-id="${cssEscape(column)}"]`)).toBeVisible();
  }

  /** The link a step value naming runs becomes (a step's invocation_id), in a row (0-based) of the steps grid. */
  public stepRunLink(row: number, column: string, within: Locator = this.runDetail): Locator {
    return this.stepCell(row, column, within).getByTestId('run-link');
  }

  /** The steps of a comparison (its panel from `compareWith`), and a side's message cell in one of them. */
  public compareMessage(panel: Locator, row: number, side: 'a' | 'b'): Locator {
    return panel.getByTestId('compare-step').nth(row).getByTestId(`compare-message-${side}`);
  }

  /** The column headers of a comparison's steps table, left to right. */
  public compareHeaders(panel: Locator): Locator {
    return panel.getByTestId('compare-steps').locator('thead th');
  }

  /** A cross-run filter toggle of the runs toolbar. */
  public crossToggle(filter: 'any-step-failed' | 'slower-than-median'): Locator {
    return this.view.getByTestId(`toggle-${filter}`);
  }

  /** A quick time range button above the facets ('1 h', '24 h', '7 d', '30 d'). */
  public quickRange(label: string): Locator {
    return this.view.getByTestId('quick-range').filter({ hasText: label });
  }

  /** Opens the filter popover of a runs grid column from its header's filter button. */
  public async openFilter(column: string): Promise<Locator> {
    await revealGridColumn(this.page, this.grid, column);
    await gridHeader(this.grid, column).getByTestId('column-filter-button').click();
    const popover = this.page.getByTestId('filter-popover');
    await popover.waitFor();
    return popover;
  }

  /** Switches times to UTC or local. */
  public async showTimesIn(zone: 'utc' | 'local'): Promise<void> {
    await this.page.getByTestId(`zone-${zone}`).click();
  }
}
