import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The store bar's load problems badge, the panel it opens, and the info line of its notices. */
export class LoadProblemsPage {
  public readonly badge: Locator;
  public readonly panel: Locator;
  public readonly filter: Locator;
  public readonly items: Locator;
  /** Notices (how the store was read, nothing lost): an info line, not the badge. */
  public readonly notices: Locator;

  public constructor(page: Page) {
    this.badge = page.getByTestId('load-problems-badge');
    this.panel = page.getByTestId('load-problems-panel');
    this.filter = this.panel.getByTestId('problems-filter');
    this.items = this.panel.getByTestId('load-problem');
    this.notices = page.getByTestId('store-notice');
  }

  /** Opens the panel from the badge. */
  public async open(): Promise<void> {
    await this.badge.click();
    await expect(this.panel).toBeVisible();
  }
}
