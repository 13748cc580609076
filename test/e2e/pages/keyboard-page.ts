import type { Locator, Page } from '@playwright/test';

/** The keyboard as a user meets it: the `?` sheet, the hints buttons show, where the focus is. */
export class KeyboardPage {
  public readonly sheet: Locator;
  public readonly sheetButton: Locator;
  public readonly openDialog: Locator;
  public readonly openDialogPath: Locator;

  public constructor(private readonly page: Page) {
    this.sheet = page.getByTestId('shortcut-sheet');
    this.sheetButton = page.getByTestId('show-shortcuts');
    this.openDialog = page.getByTestId('open-dialog');
    this.openDialogPath = this.openDialog.getByTestId('store-path');
  }

  /** The keys the sheet lists, as it shows them. */
  public async sheetKeys(): Promise<string[]> {
    return this.sheet.getByTestId('shortcut').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-keys') ?? ''));
  }

  /**
   * The keys named by the hints (tooltips) of the controls on screen, outside the sheet: the text
   * in parentheses at the end of a `title`, as in "Export what the grid shows as CSV (Ctrl+E)".
   */
  public async hintedKeys(): Promise<{ readonly hint: string; readonly keys: string }[]> {
    return this.page.locator('[title]').evaluateAll((els) => els
      .filter((el) => el.closest('[data-testid="shortcut-sheet"]') === null && el.getClientRects().length > 0)
      .map((el) => el.getAttribute('title') ?? '')
      .map((hint) => ({ hint, keys: /\(([^()]+)\)$/.exec(hint)?.[1] ?? '' }))
      // A key is one character, Esc or Enter, or a modifier and a key; a parenthesis that names a
      // stored column ("Started (started_at)") or explains something is none of those.
      .filter((h) => /^(?:.|Esc|Enter|(?:Ctrl|Cmd|Shift|Alt)\+\S+)$/u.test(h.keys)));
  }

  /** Where the keyboard focus is: the test id of the nearest marked ancestor, or `body`. */
  public async focusArea(): Promise<string> {
    return this.page.evaluate(() => {
      const a = document.activeElement;
      if (a === null || a === document.body) {
        return 'body';
      }
      return a.closest('[data-testid]')?.getAttribute('data-testid') ?? a.tagName.toLowerCase();
    });
  }

  /** The row index of the focused grid cell, or null when the focus is not on a row. */
  public async focusedRowIndex(): Promise<number | null> {
    return this.page.evaluate(() => {
      const index = document.activeElement?.closest('.ag-row')?.getAttribute('row-index');
      return index === null || index === undefined ? null : Number(index);
    });
  }
}
