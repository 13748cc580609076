import os from 'node:os';
import path from 'node:path';
import { PostgresPanel } from './pages/postgres-panel';
import { StartPage } from './pages/start-page';
import { TlsFilesPage } from './pages/tls-files-page';
import { expect, test } from './fixtures/server';

test('the Postgres form takes TLS files by path in browser mode, ~ read as the home folder', async ({ page, appUrl }, testInfo) => {
  const start = new StartPage(page);
  const pg = new PostgresPanel(page);
  const tls = new TlsFilesPage(page);

  await start.goto(appUrl);
  await pg.fill({ host: '127.0.0.1', port: '5432', database: 'postgres', user: 'postgres' });
  await tls.sslmode.selectOption('require');
  await tls.typePath('sslrootcert', '~/auditlens-e2e-no-such-ca.pem');
  await page.screenshot({ path: testInfo.outputPath('pg-tls-files.png') });
  await pg.test();
  // The server read the path as the user's shell would, and says which file it could not read.
  await expect(pg.error).toHaveText(`The TLS file you picked (${path.join(os.homedir(), 'auditlens-e2e-no-such-ca.pem')}) could not be read.`);

  // A client certificate without its key is caught before anything is sent.
  await tls.typePath('sslrootcert', '');
  await tls.typePath('sslcert', '~/client.crt');
  await pg.test();
  await expect(pg.error).toHaveText('A client certificate needs both its certificate file and its key file.');
});
