import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The mapping form of a schema no profile knows. */
export class MappingPage {
  public readonly root: Locator;
  public readonly title: Locator;
  public readonly runsTable: Locator;
  public readonly stepsTable: Locator;
  /** The suggested joins in the steps card. */
  public readonly joins: Locator;
  public readonly save: Locator;
  public readonly error: Locator;
  /** The lineage card's "a table holds lineage edges" box and its table select. */
  public readonly withLineage: Locator;
  public readonly edgesTable: Locator;

  public constructor(private readonly page: Page) {
    this.root = page.getByTestId('mapping-form');
    this.title = page.getByTestId('map-title');
    this.runsTable = page.getByTestId('map-runs-table');
    this.stepsTable = page.getByTestId('map-steps-table');
    this.joins = page.getByTestId('map-join');
    this.save = page.getByTestId('map-save');
    this.error = page.getByTestId('map-error');
    this.withLineage = page.getByTestId('map-with-lineage');
    this.edgesTable = page.getByTestId('map-edges-table');
  }

  /** The select of an edge role (`source`, `target`, `relationship`, `validFrom`, `validTo`, `recordedBy`). */
  public edgeRole(role: string): Locator {
    return this.page.getByTestId(`map-edge-${role}`);
  }

  /** Opens the form from the runs mode's "no known format" state and waits for its pre-fill. */
  public async openFromEmptyState(): Promise<void> {
    await this.page.getByTestId('map-schema').click();
    await expect(this.runsTable).toBeVisible();
  }

  /** The select of a run role (`name`, `started`, `ended`, `status`, `actor`, `message`). */
  public runRole(role: string): Locator {
    return this.page.getByTestId(`map-run-${role}`);
  }

  /** The select of a step role (`name`, `at`, `status`, `message`). */
  public stepRole(role: string): Locator {
    return this.page.getByTestId(`map-step-${role}`);
  }

  /** The run key's columns, in order. */
  public async runKey(): Promise<string[]> {
    return this.page.getByTestId('map-run-key-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? ''));
  }

  /** The step order's columns, in order. */
  public async stepOrder(): Promise<string[]> {
    return this.page.getByTestId('map-step-order-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-column') ?? ''));
  }
}
