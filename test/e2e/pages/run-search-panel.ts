import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The search across runs and steps over the runs view, and what it marks in a run's steps. */
export class RunSearchPanel {
  public readonly box: Locator;
  /** The search's chip beside the column filters. */
  public readonly chip: Locator;
  private readonly view: Locator;

  public constructor(private readonly page: Page) {
    this.view = page.getByTestId('runs-view');
    this.box = this.view.getByTestId('run-search');
    this.chip = this.view.locator('[data-testid="filter-chip"][data-chip="search"]');
  }

  /** Types the text into the search box and presses Enter; waits for the chip. */
  public async search(text: string): Promise<void> {
    await this.box.fill(text);
    await this.box.press('Enter');
    await expect(this.chip).toBeVisible();
  }

  /** The run ids the runs grid shows, in row order (every rendered row). */
  public async shownRunIds(): Promise<string[]> {
    const rows = await this.view.getByTestId('runs-grid').locator('.ag-row[row-index]:has([col-id="run_id"])').evaluateAll((els) =>
      els.map((el) => ({ index: Number(el.getAttribute('row-index')), id: el.querySelector('[col-id="run_id"]')?.textContent ?? '' })));
    return rows.sort((a, b) => a.index - b.index).map((r) => r.id);
  }

  /** The step rows of the opened run that the search marked. */
  public markedSteps(): Locator {
    return this.view.getByTestId('run-detail').getByTestId('steps-grid').locator('.ag-row:has([col-id="message"].cell-search-hit)');
  }

  /** The step rows the search marked in the active run tab. */
  public markedStepsInTab(): Locator {
    return this.page.getByTestId('run-tab-panel').getByTestId('steps-grid').locator('.ag-row:has([col-id="message"].cell-search-hit)');
  }

  /** The note in the steps pane saying matches are highlighted. */
  public stepsNote(): Locator {
    return this.view.getByTestId('run-detail').getByTestId('steps-search-note');
  }

  /** The line above the steps naming the first step whose message matches. */
  public firstMatch(): Locator {
    return this.view.getByTestId('run-detail').getByTestId('search-match');
  }
}
