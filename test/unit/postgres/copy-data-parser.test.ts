import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyDataParser } from '../../../electron/sources/postgres/copy-data-parser';

function message(code: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = code.charCodeAt(0);
  head.writeUInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

const copyOut = message('H', Buffer.from([0, 0, 2, 0, 0, 0, 0]));
const notice = message('N', Buffer.from('Snotice\0\0'));
const done = message('c', Buffer.alloc(0));
const tail = Buffer.concat([message('C', Buffer.from('COPY 3\0')), message('Z', Buffer.from('I'))]);

/** Feeds `bytes` cut at `cuts` and returns the data, the rest and the message count. */
function run(input: Buffer, cuts: number[]): { data: string; rest: Buffer | null; messages: number } {
  // The parser moves payloads inside the chunks it is given, so it gets a copy.
  const bytes = Buffer.from(input);
  const parser = new CopyDataParser();
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  const data: Buffer[] = [];
  let rest: Buffer | null = null;
  for (const to of [...points, bytes.length]) {
    if (to <= from && to !== bytes.length) {
      continue;
    }
    const out = parser.feed(bytes.subarray(from, to));
    if (out.data) {
      data.push(out.data);
    }
    if (out.rest) {
      rest = Buffer.concat([out.rest, bytes.subarray(to)]);
      break;
    }
    from = to;
  }
  return { data: Buffer.concat(data).toString('utf8'), rest, messages: parser.messages };
}

describe('CopyDataParser', () => {
  it('joins CopyData payloads, skips notices and hands back everything from CopyDone on, however the bytes are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), (rows, cuts) => {
        const lines = rows.map((r) => `${r}\n`);
        const parts = [copyOut, ...lines.flatMap((l, i) => (i === 1 ? [notice, message('d', Buffer.from(l))] : [message('d', Buffer.from(l))])), done, tail];
        const bytes = Buffer.concat(parts);
        const out = run(bytes, cuts);
        expect(out.data).toBe(lines.join(''));
        expect(out.messages).toBe(lines.length);
        expect(out.rest?.equals(Buffer.concat([done, tail]))).toBe(true);
      }),
    );
  });

  it('stops at an ErrorResponse between rows and hands it back whole', () => {
    const error = message('E', Buffer.from('SERROR\0C22012\0Mdivision by zero\0\0'));
    const bytes = Buffer.concat([copyOut, message('d', Buffer.from('1\n')), message('d', Buffer.from('2\n')), error, message('Z', Buffer.from('E'))]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const out = run(bytes, [cut]);
      expect(out.data).toBe('1\n2\n');
      expect(out.rest?.[0]).toBe('E'.charCodeAt(0));
      expect(out.rest?.length).toBe(bytes.length - copyOut.length - 2 * message('d', Buffer.from('1\n')).length);
    }
  });

  it('counts an empty CopyData message as a row', () => {
    const out = run(Buffer.concat([copyOut, message('d', Buffer.alloc(0)), message('d', Buffer.from('x\n')), done]), []);
    expect(out).toMatchObject({ data: 'x\n', messages: 2 });
  });
});
