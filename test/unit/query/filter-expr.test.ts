import { describe, expect, it } from 'vitest';
import { parseFilterExpr, parseSortExpr } from '../../../shared/query/filter-expr';

describe('CLI filter expressions', () => {
  it.each([
    ['status=failed', { column: 'status', op: 'eq', value: 'failed' }],
    ['status!=ok', { column: 'status', op: 'neq', value: 'ok' }],
    ['n>5', { column: 'n', op: 'gt', value: '5' }],
    ['n>=5', { column: 'n', op: 'gte', value: '5' }],
    ['n<5', { column: 'n', op: 'lt', value: '5' }],
    ['n<=5', { column: 'n', op: 'lte', value: '5' }],
    ['msg~Time Out', { column: 'msg', op: 'contains', value: 'Time Out' }],
    ['custom_message=', { column: 'custom_message', op: 'empty' }],
    ['custom_message!=', { column: 'custom_message', op: 'notEmpty' }],
    ['url=https://x/?a=b&c>d', { column: 'url', op: 'eq', value: 'https://x/?a=b&c>d' }],
  ])('%s', (expr, expected) => {
    expect(parseFilterExpr(expr)).toEqual(expected);
  });

  it('explains what a filter looks like when there is no operator', () => {
    expect(() => parseFilterExpr('status')).toThrow(/COL=VALUE/);
    expect(() => parseFilterExpr('=x')).toThrow(/not a filter/);
  });

  it('parses sort keys', () => {
    expect(parseSortExpr('run_started_at:desc')).toEqual({ column: 'run_started_at', desc: true });
    expect(parseSortExpr('a:b')).toEqual({ column: 'a:b', desc: false });
  });
});
