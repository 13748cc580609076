import type { Locator, Page } from '@playwright/test';

/** What a laptop screen shows of the runs and tables: which columns are on screen, the folded facets, the row detail's width. */
export class LaptopPage {
  public readonly facets: Locator;
  public readonly facetsToggle: Locator;
  public readonly rowDetail: Locator;
  public readonly rowDetailResize: Locator;

  public constructor(private readonly page: Page) {
    this.facets = page.getByTestId('facets');
    this.facetsToggle = page.getByTestId('facets-toggle');
    this.rowDetail = page.getByTestId('row-detail');
    this.rowDetailResize = page.getByTestId('row-detail-resize');
  }

  /** The column chooser's entry of a column: its label and, beside it, the stored name. */
  public async chooserEntry(column: string): Promise<{ readonly label: string; readonly stored: string }> {
    await this.page.getByTestId('column-chooser').first().click();
    const option = this.page.getByTestId('column-chooser-popover').locator(`label:has([data-testid="column-option"][data-column="${column}"])`);
    const entry = {
      label: (await option.getByTestId('column-option-label').textContent()) ?? '',
      stored: (await option.locator('.column-stored').textContent()) ?? '',
    };
    await this.page.keyboard.press('Escape');
    return entry;
  }

  /** True when a column's header lies wholly inside the window (as the user sees it, no scrolling). */
  public async headerOnScreen(grid: Locator, column: string): Promise<boolean> {
    const box = await grid.locator(`.ag-header-cell[col-id="${column}"]`).boundingBox();
    const view = this.page.viewportSize();
    if (!box || !view) {
      return false;
    }
    return box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
  }

  /** The column ids of a grid's headers, left to right. */
  public async columnOrder(grid: Locator): Promise<string[]> {
    const cells = await grid.locator('.ag-header-cell[col-id]').evaluateAll((els) => els.map((el) => ({
      id: el.getAttribute('col-id') ?? '',
      at: Number(el.getAttribute('aria-colindex')),
    })));
    return cells.sort((a, b) => a.at - b.at).map((c) => c.id);
  }

  /** How many of a grid's columns are wholly visible beside whatever panel sits next to it. */
  public async columnsFullyVisible(grid: Locator): Promise<number> {
    return grid.evaluate((host) => {
      const viewport = host.querySelector('.ag-body-viewport, .ag-grid-viewport') ?? host;
      const edge = viewport.getBoundingClientRect();
      return [...host.querySelectorAll('.ag-header-cell[col-id]')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.left >= edge.left - 1 && r.right <= edge.right + 1;
      }).length;
    });
  }

  /** The width of an element as laid out. */
  public async width(el: Locator): Promise<number> {
    return (await el.boundingBox())?.width ?? 0;
  }

  /** Drags the row detail's left edge by `dx` pixels (negative: to the left, wider). */
  public async dragRowDetailEdge(dx: number): Promise<void> {
    const box = await this.rowDetailResize.boundingBox();
    if (!box) {
      throw new Error('The row detail has no resize handle on screen.');
    }
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y, { steps: 4 });
    await this.page.mouse.move(x + dx, y, { steps: 4 });
    await this.page.mouse.up();
  }
}
