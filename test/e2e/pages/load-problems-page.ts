import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The store bar's load problems badge and the panel it opens. */
export class LoadProblemsPage {
  public readonly badge: Locator;
  public readonly panel: Locator;
  public readonly filter: Locator;
  public readonly items: Locator;

  public constructor(page: Page) {
    this.badge = page.getByTestId('load-problems-badge');
    this.panel = page.getByTestId('load-problems-panel');
    this.filter = this.panel.getByTestId('problems-filter');
    this.items = this.panel.getByTestId('load-problem');
  }

  /** Opens the panel from the badge. */
  public async open(): Promise<void> {
    await this.badge.click();
    await expect(this.panel).toBeVisible();
  }
}
