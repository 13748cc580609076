import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { cssEscape } from './grid-headers';

/** The timeline mode: format picker, toolbar, overview (minimap), the lanes and their canvas. */
export class TimelinePage {
  public readonly modeTimeline: Locator;
  public readonly root: Locator;
  public readonly view: Locator;
  public readonly formatPicker: Locator;
  public readonly minimap: Locator;
  public readonly canvas: Locator;
  public readonly lanes: Locator;
  public readonly scale: Locator;
  public readonly tooltip: Locator;
  public readonly announcement: Locator;
  public readonly chips: Locator;
  public readonly runDetail: Locator;
  public readonly openWaterfallButton: Locator;
  public readonly waterfallTitle: Locator;
  public readonly backButton: Locator;
  public readonly exportButton: Locator;
  public readonly search: Locator;
  public readonly matchesOnly: Locator;
  /** How many bars the search matches ("3 matches"). */
  public readonly matchCount: Locator;

  public constructor(private readonly page: Page) {
    this.modeTimeline = page.getByTestId('mode-timeline');
    this.root = page.getByTestId('timeline-mode');
    this.view = page.getByTestId('timeline-view');
    this.formatPicker = this.root.getByTestId('format-picker');
    this.minimap = page.getByTestId('timeline-minimap');
    this.canvas = page.getByTestId('timeline-canvas');
    this.lanes = page.getByTestId('timeline-lane');
    this.scale = page.getByTestId('timeline-scale');
    this.tooltip = page.getByTestId('timeline-tooltip');
    this.announcement = page.getByTestId('timeline-announce');
    this.chips = this.root.getByTestId('timeline-chips').getByTestId('filter-chip');
    this.runDetail = this.view.getByTestId('run-detail');
    this.openWaterfallButton = page.getByTestId('timeline-open-waterfall');
    this.waterfallTitle = page.getByTestId('waterfall-title');
    this.backButton = page.getByTestId('timeline-back');
    this.exportButton = page.getByTestId('timeline-export');
    this.search = page.getByTestId('timeline-search');
    this.matchesOnly = page.getByTestId('timeline-matches-only');
    this.matchCount = page.getByTestId('timeline-match-count');
  }

  /** Finds a run by its id with the search box, selects it (Enter) and opens its waterfall. */
  public async openWaterfallOf(runId: string): Promise<void> {
    await this.search.fill(runId);
    await expect(this.matchCount).toHaveText(/^[1-9]\d* match/);
    await this.search.press('Enter');
    await expect(this.runDetail).toHaveAttribute('data-run-id', runId);
    await this.openWaterfallButton.click();
    await expect(this.view).toHaveAttribute('data-waterfall', 'true');
    await this.search.fill('');
    await this.waitForDrawn();
  }

  /** "Compare with…" in a run's waterfall: picks the i-th other run of the same name and waits for both waterfalls. */
  public async compareWith(i = 0): Promise<Locator> {
    await this.page.getByTestId('compare-with').click();
    await this.page.getByTestId('compare-picker').getByTestId('compare-choice').nth(i).click();
    const panel = this.page.getByTestId('compare-waterfalls');
    await expect(panel).toBeVisible();
    return panel;
  }

  /** "Show" in a waterfall: hides steps shorter than `ms` (0 shows all). */
  public async hideStepsShorterThan(ms: number): Promise<void> {
    await this.page.getByTestId('timeline-min-duration').selectOption(String(ms));
  }

  /** The matched steps of a comparison, one row per step name. */
  public compareRows(): Locator {
    return this.page.getByTestId('compare-row');
  }

  /** Ends the comparison: back to the run's own waterfall. */
  public async stopComparing(): Promise<void> {
    await this.page.getByTestId('timeline-stop-compare').click();
    await expect(this.view).toHaveAttribute('data-comparing', 'false');
  }

  /** Opens the column popover of the i-th filter chip (the user stays in the timeline). */
  public async editChip(i: number): Promise<Locator> {
    await this.chips.nth(i).locator('.chip-text').click();
    const popover = this.page.getByTestId('filter-popover');
    await popover.waitFor();
    return popover;
  }

  /** In an open chip popover: ticks one more listed value and applies. */
  public async addChipValue(popover: Locator, value: string): Promise<void> {
    await popover.locator(`[data-testid="value-option"][data-value="${cssEscape(value)}"]`).check();
    await popover.getByTestId('filter-apply').click();
    await expect(popover).toBeHidden();
  }

  /** Saves the timeline on screen as a picture; the downloaded file's name and path. */
  public async savePicture(kind: 'svg' | 'png'): Promise<{ name: string; path: string }> {
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByTestId(`timeline-save-${kind}`).click();
    const download = await downloaded;
    return { name: download.suggestedFilename(), path: await download.path() };
  }

  /** Switches the explorer to the timeline. */
  public async open(): Promise<void> {
    await this.modeTimeline.click();
    await expect(this.root).toBeVisible();
  }

  /** Chooses a format by id and waits until its lanes are drawn. */
  public async chooseFormat(id: string): Promise<void> {
    const value = await this.formatPicker.locator(`option[data-format-id="${id}"]`).first().getAttribute('value');
    await this.formatPicker.selectOption(value ?? '');
    await expect(this.view).toHaveAttribute('data-format', id);
    await this.waitForDrawn();
  }

  /** Waits until lanes are listed and no answer is loading. */
  public async waitForDrawn(): Promise<void> {
    await expect(this.lanes.first()).toBeVisible();
    await expect(this.view).toHaveAttribute('data-loading', 'false');
  }

  /** The time window on screen, in epoch milliseconds. */
  public async shownWindow(): Promise<{ fromMs: number; toMs: number }> {
    return {
      fromMs: Date.parse((await this.scale.getAttribute('data-from')) ?? ''),
      toMs: Date.parse((await this.scale.getAttribute('data-to')) ?? ''),
    };
  }

  /** Drags across the overview from one share of its width to another (0..1). */
  public async brush(fromShare: number, toShare: number): Promise<void> {
    const box = await this.minimap.boundingBox();
    if (!box) {
      throw new Error('The overview is not on screen.');
    }
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * fromShare, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((fromShare + toShare) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * toShare, y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** Focuses the lanes' canvas and presses keys there. */
  public async press(...keys: string[]): Promise<void> {
    await this.canvas.focus();
    for (const k of keys) {
      await this.page.keyboard.press(k);
    }
  }
}
