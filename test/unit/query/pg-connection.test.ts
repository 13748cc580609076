import { describe, expect, it } from 'vitest';
import { pgConnectSchema, pgFormUrl } from '../../../shared/model/pg-connection';

describe('the Postgres connection form', () => {
  it('builds a URL from fields, encoding users and databases, never including the password', () => {
    expect(pgFormUrl(pgConnectSchema.parse({ host: 'db.example', port: 5433, database: 'audit/prod', user: 'ana@corp', password: 's3cr:t@', sslmode: 'require' })))
      .toBe('postgres://ana%40corp@db.example:5433/audit%2Fprod?sslmode=require');
    expect(pgFormUrl(pgConnectSchema.parse({ host: '::1', database: 'x' }))).toBe('postgres://[::1]/x');
  });

  it('prefers a typed URL and explains what is missing', () => {
    expect(pgFormUrl(pgConnectSchema.parse({ url: ' postgres://u@h/d ', host: 'ignored' }))).toBe('postgres://u@h/d');
    expect(() => pgFormUrl(pgConnectSchema.parse({ host: 'h' }))).toThrow(/host and a database/);
  });
});
