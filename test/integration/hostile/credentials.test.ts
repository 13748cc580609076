import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from '../../../electron/sources/postgres/connection-url';

function refusal(url: string): string {
  try {
    parseConnectionUrl(url);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('credentials stay out of messages', () => {
  it('H13-param-name-not-echoed: an unknown URL parameter is "an unsupported parameter", never its name', () => {
    for (const url of ['postgres://u@h/db?hunter2SECRET=1', 'postgres://u@h/db?hunter2SECRET', 'postgres://u@h/db?sslmode=require&hunter2SECRET=x']) {
      const m = refusal(url);
      expect(m).not.toContain('hunter2');
      expect(m).toContain('unsupported parameter');
    }
    expect(refusal('postgres://u@h/db?connect_timeout=1')).toContain('"connect_timeout"');
  });
});
