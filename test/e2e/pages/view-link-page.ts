import type { Locator, Page } from '@playwright/test';

/** The view in the address bar: what the URL says, and the app's error bar (a lost session shows there). */
export class ViewLinkPage {
  public readonly errorBar: Locator;
  public readonly startScreen: Locator;

  public constructor(private readonly page: Page) {
    this.errorBar = page.getByTestId('error-bar');
    this.startScreen = page.getByTestId('start-screen');
  }

  /** The status pill in the heading of a run's detail pane. */
  public headingStatus(detail: Locator): Locator {
    return detail.getByTestId('run-heading').getByTestId('status');
  }

  /** The view parameters of the address (the query), by name. */
  public params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  /** Reloads the page as F5 does. */
  public async reload(): Promise<void> {
    await this.page.reload();
  }

  /** Opens this page's address in a new tab of the same browser (same cookies), as a pasted link. */
  public async openInNewTab(): Promise<Page> {
    const tab = await this.page.context().newPage();
    await tab.goto(this.page.url());
    return tab;
  }
}
