import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Escapes a value for a double-quoted CSS attribute selector. */
export function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/** A column's header in a paged grid (rendered only while its column is in view). */
export function gridHeader(grid: Locator, column: string): Locator {
  return grid.locator(`[data-testid="column-header"][data-column="${cssEscape(column)}"]`);
}

/**
 * Scrolls a grid sideways until a column's header is rendered: AG Grid only renders the columns
 * in view, as a user sees them.
 */
export async function revealGridColumn(page: Page, grid: Locator, column: string): Promise<void> {
  // The grid can re-render while this scrolls (a page of a new filter arrives, the scroll goes back
  // to the start): scroll again from the left until the header is there and stays.
  await expect(async () => {
    // In AG Grid 36 the body viewport is the element that scrolls sideways.
    const scroller = grid.locator('.ag-grid-viewport');
    await scroller.evaluate((el) => {
      el.scrollLeft = 0;
    });
    for (let step = 0; step < 50 && (await gridHeader(grid, column).count()) === 0; step++) {
      await scroller.evaluate((el) => {
        el.scrollLeft += 300;
      });
      await page.waitForTimeout(50);
    }
    await gridHeader(grid, column).scrollIntoViewIfNeeded({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Sorts a grid by a column (click on its header); `add` holds Shift to add it to the current sort. */
export async function sortGridBy(page: Page, grid: Locator, column: string, add = false): Promise<void> {
  await revealGridColumn(page, grid, column);
  await gridHeader(grid, column).locator('.col-header-label').click({ modifiers: add ? ['Shift'] : [] });
}
