import type { Locator, Page } from '@playwright/test';
import type { TlsFileKind } from '../../../shared/model/pg-connection';

/** The "TLS files" section of the Postgres form (browser mode: typed paths). */
export class TlsFilesPage {
  public readonly section: Locator;
  public readonly sslmode: Locator;

  public constructor(private readonly page: Page) {
    this.section = page.getByTestId('pg-tls');
    this.sslmode = page.getByTestId('pg-sslmode');
  }

  /** Unfolds the section (when folded) and types the path of one file. */
  public async typePath(kind: TlsFileKind, path: string): Promise<void> {
    if ((await this.section.getAttribute('open')) === null) {
      await this.section.locator('summary').click();
    }
    await this.page.getByTestId(`pg-tls-path-${kind}`).fill(path);
  }
}
