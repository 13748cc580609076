import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ddeutilStatus } from '../../../shared/model/ddeutil-status';

const CONTEXTS = path.resolve(__dirname, '../../../../shared/fixtures/real/ddeutil-workflow/tests/conf/context');

describe('ddeutil-workflow status in every encoding', () => {
  it.each([
    [{ status: 'SUCCESS' }, 'SUCCESS'],
    [{ status: 'failed' }, 'FAILED'],
    [{ status: 'Cancel' }, 'CANCEL'],
    [{ status: 0, jobs: { a: { status: 0 } } }, 'SUCCESS'],
    [{ status: 1, jobs: { a: { status: 0 }, b: { status: 1 } }, errors: { name: 'WorkflowError' } }, 'FAILED'],
    [{ status: 3, jobs: { a: { status: 0 } } }, 'SKIP'],
    [{ status: 1, jobs: { a: { status: 1 } } }, 'SUCCESS'],
    [{ status: 2, jobs: { a: { status: 1 }, b: { status: 2 } }, errors: [{ name: 'JobError' }] }, 'FAILED'],
    [{ status: 5, jobs: { a: { status: 1 } } }, 'CANCEL'],
    [{ status: 4 }, 'SKIP'],
    [{ status: 'weird' }, null],
    [{ no: 'status' }, null],
    [[1, 2], null],
  ])('%j is %s', (ctx, expected) => {
    expect(ddeutilStatus(ctx)).toBe(expected);
  });

  it("reads the repository's own failed contexts (lower-case statuses)", () => {
    for (const name of ['jobs_failed.json', 'stages_failed.json']) {
      expect(ddeutilStatus(JSON.parse(fs.readFileSync(path.join(CONTEXTS, name), 'utf8')))).toBe('FAILED');
    }
  });
});
