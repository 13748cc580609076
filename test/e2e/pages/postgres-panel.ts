import type { Locator, Page } from '@playwright/test';

/** What the Postgres form's fields take; absent fields are left as they are. */
export interface PgFields {
  readonly host?: string;
  readonly port?: string;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly schemas?: string;
  readonly saveAs?: string;
}

/** "Connect to Postgres" on the start screen, and the saved connections under it. */
export class PostgresPanel {
  public readonly root: Locator;
  public readonly testButton: Locator;
  public readonly connectButton: Locator;
  /** What "Test connection" learned. */
  public readonly testResult: Locator;
  public readonly tableCount: Locator;
  public readonly writeWarning: Locator;
  /** The sentence under the form when testing or connecting failed. */
  public readonly error: Locator;
  public readonly passwordNote: Locator;
  public readonly saved: Locator;

  public constructor(private readonly page: Page) {
    this.root = page.getByTestId('pg-panel');
    this.testButton = page.getByTestId('pg-test');
    this.connectButton = page.getByTestId('pg-connect');
    this.testResult = page.getByTestId('pg-test-result');
    this.tableCount = page.getByTestId('pg-table-count');
    this.writeWarning = page.getByTestId('pg-write-warning');
    this.error = page.getByTestId('pg-error');
    this.passwordNote = page.getByTestId('pg-password-note');
    this.saved = page.getByTestId('saved-connection');
  }

  /** Fills the separate fields (host, port, database…), switching to them first. */
  public async fill(fields: PgFields): Promise<void> {
    await this.page.getByTestId('pg-mode-fields').click();
    const set: readonly (readonly [string, string | undefined])[] = [
      ['pg-host', fields.host], ['pg-port', fields.port], ['pg-database', fields.database], ['pg-user', fields.user],
      ['pg-password', fields.password], ['pg-schemas', fields.schemas], ['pg-save-as', fields.saveAs],
    ];
    for (const [testId, value] of set) {
      if (value !== undefined) {
        await this.page.getByTestId(testId).fill(value);
      }
    }
  }

  /** Clicks "Test connection". */
  public async test(): Promise<void> {
    await this.testButton.click();
  }

  /** Presses Enter in the database field: the form's submit is Connect. */
  public async connectWithEnter(): Promise<void> {
    await this.page.getByTestId('pg-database').press('Enter');
  }
}
