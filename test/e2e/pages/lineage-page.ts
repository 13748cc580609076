import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The lineage mode: search, toolbar (depth, columns, as of, run, exports), the picture and the edge panel. */
export class LineagePage {
  public readonly root: Locator;
  public readonly search: Locator;
  public readonly matches: Locator;
  public readonly format: Locator;
  public readonly depth: Locator;
  public readonly columns: Locator;
  public readonly asOf: Locator;
  public readonly count: Locator;
  public readonly area: Locator;
  public readonly nodes: Locator;
  public readonly columnRows: Locator;
  public readonly columnEdges: Locator;
  public readonly edgePanel: Locator;
  /** The edge panel's "Open the runs that recorded it". */
  public readonly edgeRuns: Locator;
  public readonly announce: Locator;
  public readonly exportCsv: Locator;
  public readonly exportSvg: Locator;
  public readonly exportPng: Locator;
  /** A node's menu (right click, or Shift+F10 on the selected node). */
  public readonly menu: Locator;
  public readonly run: Locator;
  public readonly empty: Locator;

  public constructor(private readonly page: Page) {
    this.root = page.getByTestId('lineage-mode');
    this.search = page.getByTestId('lineage-search');
    this.matches = page.getByTestId('lineage-match');
    this.format = page.getByTestId('lineage-format');
    this.depth = page.getByTestId('lineage-depth');
    this.columns = page.getByTestId('lineage-columns');
    this.asOf = page.getByTestId('lineage-as-of');
    this.count = page.getByTestId('lineage-count');
    this.area = page.getByTestId('lineage-area');
    this.nodes = page.getByTestId('lineage-node');
    this.columnRows = page.getByTestId('lineage-column');
    this.columnEdges = page.getByTestId('lineage-column-edge');
    this.edgePanel = page.getByTestId('lineage-edge-panel');
    this.edgeRuns = page.getByTestId('lineage-edge-runs');
    this.announce = page.getByTestId('lineage-announce');
    this.exportCsv = page.getByTestId('lineage-export-csv');
    this.exportSvg = page.getByTestId('lineage-export-svg');
    this.exportPng = page.getByTestId('lineage-export-png');
    this.menu = page.getByTestId('lineage-menu');
    this.run = page.getByTestId('lineage-run');
    this.empty = page.getByTestId('lineage-empty');
  }

  /** Switches the explorer to Lineage mode and picks a format by its key's id part. */
  public async open(formatTitle?: string): Promise<void> {
    await this.page.getByTestId('mode-lineage').click();
    await expect(this.root).toBeVisible();
    if (formatTitle !== undefined && (await this.format.count()) > 0) {
      await this.format.selectOption({ label: formatTitle });
    }
  }

  /** Types into the search box and picks the match with this id. */
  public async focusOn(id: string): Promise<void> {
    await this.search.fill(id);
    await this.page.locator(`[data-testid="lineage-match"][data-node="${id.replace(/["\\]/g, '\\$&')}"]`).click();
    await expect(this.node(id)).toBeVisible();
    await this.settled();
  }

  /** Waits until no answer is loading. */
  public async settled(): Promise<void> {
    await expect(this.count).not.toContainText('loading');
  }

  /** A node of the picture by id. */
  public node(id: string): Locator {
    return this.page.locator(`[data-testid="lineage-node"][data-node="${id.replace(/["\\]/g, '\\$&')}"]`);
  }

  /** The link drawn from `source` to `target`. */
  public edge(source: string, target: string): Locator {
    return this.page.locator(`[data-testid="lineage-edge"][data-source="${source}"][data-target="${target}"]`);
  }

  /** Opens the detail of the link from `source` to `target`, even where other links cross it (a click at its middle could hit one of them). */
  public async openEdge(source: string, target: string): Promise<void> {
    await this.edge(source, target).dispatchEvent('click');
    await expect(this.edgePanel.locator('strong')).toHaveText(`${source} → ${target}`);
  }

  /** The runs the open edge panel names as its recorders, each once. */
  public async edgeRecorders(): Promise<string[]> {
    const lists = await this.edgePanel.getByTestId('lineage-edge-recorder').evaluateAll((els) => els.map((el) => el.getAttribute('data-runs') ?? '[]'));
    return [...new Set(lists.flatMap((l) => JSON.parse(l) as string[]))].sort();
  }

  /** The ids of every node drawn, sorted. */
  public async nodeIds(): Promise<string[]> {
    return (await this.nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''))).sort();
  }

  /** Clicks a node's `+` handle on one side, if it has one; says whether it did. */
  public async expand(id: string, side: 'upstream' | 'downstream'): Promise<boolean> {
    const handle = this.node(id).getByTestId(`expand-${side}`);
    if ((await handle.count()) === 0) {
      return false;
    }
    // The circle: the handle's group also holds its "N more" label, beside it.
    await handle.locator('circle').click();
    await this.settled();
    return true;
  }

  /** Opens a node's menu with a right click. */
  public async openMenu(id: string): Promise<void> {
    await this.node(id).locator('rect').first().click({ button: 'right' });
    await expect(this.menu).toBeVisible();
  }

  /** An item of the open node menu: `runs-wrote`, `runs-read`, `runs-timeline`, `focus`, `copy`… */
  public menuItem(name: string): Locator {
    return this.menu.getByTestId(`menu-${name}`);
  }

  /** Sets the as-of time (UTC, to the second), or clears it with null. */
  public async setAsOf(iso: string | null): Promise<void> {
    await this.asOf.fill(iso === null ? '' : iso.slice(0, 19));
    await this.settled();
  }
}
