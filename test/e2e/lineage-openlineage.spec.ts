import fs from 'node:fs';
import path from 'node:path';
import { LineagePage } from './pages/lineage-page';
import { StartPage } from './pages/start-page';
import { expect, test } from './fixtures/server';

const SPEC = path.resolve(__dirname, '../../../shared/fixtures/real/OpenLineage/spec/tests/ColumnLineageDatasetFacet');

interface Facet { columnLineage: { fields: Record<string, { inputFields: { namespace: string; name: string; transformations?: { type?: string }[] }[] }> } }

/** The spec's first column lineage facet example as the output of a run's START and COMPLETE events. */
function writeFolder(folder: string): Facet {
  fs.mkdirSync(folder, { recursive: true });
  const facet = JSON.parse(fs.readFileSync(path.join(SPEC, '1.json'), 'utf8')) as Facet;
  const inputs = [...new Map(Object.values(facet.columnLineage.fields).flatMap((f) => f.inputFields).map((x) => [x.name, { namespace: x.namespace, name: x.name }])).values()];
  const event = (eventType: string, eventTime: string): unknown => ({
    eventTime, eventType, producer: 'test', run: { runId: '01901000-0000-7000-8000-000000000001' }, job: { namespace: 'spec', name: 'discounts_job' },
    inputs, outputs: [{ namespace: 'SnowflakeOpenLineage', name: 'PUBLIC.CUSTOMER_DISCOUNTS', facets: facet }],
  });
  fs.writeFileSync(path.join(folder, 'events.json'), JSON.stringify([event('START', '2024-05-01T10:00:00Z'), event('COMPLETE', '2024-05-01T10:05:00Z')]));
  return facet;
}

test('an OpenLineage folder with a column lineage facet: datasets through their job, columns direct and indirect', async ({ page, appUrl }, testInfo) => {
  const folder = testInfo.outputPath('openlineage-events');
  const facet = writeFolder(folder);
  const fields = Object.values(facet.columnLineage.fields).flatMap((f) => f.inputFields);
  const indirect = fields.filter((x) => x.transformations?.[0]?.type === 'INDIRECT').length;
  const start = new StartPage(page);
  const lineage = new LineagePage(page);

  await start.goto(appUrl);
  await start.openPath(folder);
  await lineage.open();
  await lineage.focusOn('PUBLIC.CUSTOMER_DISCOUNTS');
  await lineage.depth.selectOption('2');
  await lineage.settled();
  expect(await lineage.nodeIds()).toEqual(['CUSTOMERS', 'DISCOUNTS', 'PUBLIC.CUSTOMER_DISCOUNTS', 'discounts_job']);
  await page.screenshot({ path: testInfo.outputPath('openlineage-tables.png') });

  await lineage.columns.check();
  await lineage.settled();
  // One link per input field of each output field, dashed where the dependency is indirect (a join).
  await expect(lineage.columnEdges).toHaveCount(fields.length);
  await expect(lineage.columnEdges.and(page.locator('[data-kind="indirect"]'))).toHaveCount(indirect);
  expect(indirect).toBeGreaterThan(0);
  await expect(lineage.columnRows.filter({ hasText: 'AMOUNT_OFF' })).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('openlineage-columns.png') });
});
