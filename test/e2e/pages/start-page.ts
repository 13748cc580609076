import type { Locator, Page } from '@playwright/test';

/** The start screen: open a store by path, the demo, or a recent store. */
export class StartPage {
  public readonly root: Locator;
  public readonly pathField: Locator;
  public readonly openButton: Locator;
  public readonly demoButton: Locator;
  public readonly openError: Locator;
  public readonly recentStores: Locator;
  /** The card shown while a slow store (a big JSON folder) opens. */
  public readonly progressCard: Locator;
  public readonly progressText: Locator;
  public readonly cancelOpenButton: Locator;

  public constructor(private readonly page: Page) {
    this.root = page.getByTestId('start-screen');
    this.pathField = page.getByTestId('store-path');
    this.openButton = page.getByTestId('open-path');
    this.demoButton = page.getByTestId('open-demo');
    this.openError = page.getByTestId('open-error');
    this.recentStores = page.getByTestId('recent-store');
    this.progressCard = page.getByTestId('open-progress');
    this.progressText = page.getByTestId('open-progress-text');
    this.cancelOpenButton = page.getByTestId('open-cancel');
  }

  /** Loads the app at its tokened URL. */
  public async goto(appUrl: string): Promise<void> {
    await this.page.goto(appUrl);
    await this.root.waitFor();
  }

  /** Clicks "Open the demo store" and waits for the explorer. */
  public async openDemo(): Promise<void> {
    await this.demoButton.click();
    await this.page.getByTestId('explorer').waitFor();
  }

  /** Types a path and presses Enter. */
  public async openPath(path: string): Promise<void> {
    await this.pathField.fill(path);
    await this.pathField.press('Enter');
  }
}
