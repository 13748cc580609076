/**
 * Checks build/electron-builder.yml. No YAML library is installed, so the config is written in a
 * small subset (nested maps, `- item` lists, plain or quoted scalars, # comments) that the parser
 * below reads exactly, and which rejects anything outside that subset rather than guessing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Yaml = string | boolean | number | Yaml[] | { [key: string]: Yaml };

function scalar(raw: string): Yaml {
  const v = raw.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(v)) {
    return JSON.parse(v) as string;
  }
  if (/^'[^']*'$/.test(v)) {
    return v.slice(1, -1);
  }
  if (v === 'true' || v === 'false') {
    return v === 'true';
  }
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    return Number(v);
  }
  if (/^[[{&*!|>%@`]/.test(v)) {
    throw new Error(`unsupported YAML value: ${v}`);
  }
  return v;
}

/** Drops a `#` comment that starts the line or follows a space, outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return line.slice(0, i).trimEnd();
    }
  }
  return line;
}

/** Parses the YAML subset described above. */
function parseYamlSubset(text: string): Yaml {
  const lines = text
    .split('\n')
    .map(stripComment)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (/\t/.test(line)) {
        throw new Error('tabs are not YAML indentation');
      }
      return { indent: line.length - line.trimStart().length, text: line.trim() };
    });
  let i = 0;
  const block = (indent: number): Yaml => {
    const first = lines[i];
    if (!first || first.indent !== indent) {
      throw new Error(`bad indentation near line ${i + 1}`);
    }
    if (first.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (lines[i] && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) {
        list.push(scalar(lines[i]!.text.slice(2)));
        i++;
      }
      return list;
    }
    const map: { [key: string]: Yaml } = {};
    while (lines[i] && lines[i]!.indent === indent) {
      const m = /^([A-Za-z0-9_.-]+):(?:\s+(.*))?$/.exec(lines[i]!.text);
      if (!m || m[1] === undefined) {
        throw new Error(`not a key: ${lines[i]!.text}`);
      }
      if (m[1] in map) {
        throw new Error(`duplicate key ${m[1]}`);
      }
      i++;
      if (m[2] !== undefined && m[2] !== '') {
        map[m[1]] = scalar(m[2]);
      } else {
        const next = lines[i];
        if (!next || next.indent <= indent) {
          throw new Error(`empty value for ${m[1]}`);
        }
        map[m[1]] = block(next.indent);
      }
    }
    if (lines[i] && lines[i]!.indent > indent) {
      throw new Error(`bad indentation near ${lines[i]!.text}`);
    }
    return map;
  };
  const doc = block(0);
  if (i !== lines.length) {
    throw new Error('trailing content');
  }
  return doc;
}

const CONFIG = path.join(__dirname, '..', '..', '..', 'build', 'electron-builder.yml');
const config = parseYamlSubset(fs.readFileSync(CONFIG, 'utf8')) as Record<string, Yaml>;

describe('build/electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.auditlens.app');
    expect(config.productName).toBe('Auditlens');
    expect(config.directories).toMatchObject({ buildResources: 'build' });
    // electron-builder's default output folder is dist/, where our own build lives and which it packs.
    expect((config.directories as Record<string, Yaml>).output).not.toMatch(/^dist\b/);
  });

  it('flips every fuse the security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the built app and unpacks the native SQLite addon and the CSV extension', () => {
    expect(config.files).toEqual(['dist/**', 'package.json']);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**/*.node', 'dist/native/**']);
    // onlyLoadAppFromAsar needs an asar: it must not be switched off.
    expect(config).not.toHaveProperty('asar');
  });

  it('targets AppImage and deb, a hardened-runtime dmg, and nsis', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.win).toMatchObject({ target: ['nsis'] });
  });

  it('is read by the package script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toContain('build/electron-builder.yml');
  });

  it('has a parser that refuses YAML it does not understand', () => {
    expect(() => parseYamlSubset('a: [1, 2]')).toThrow();
    expect(() => parseYamlSubset('a: 1\na: 2')).toThrow();
    expect(() => parseYamlSubset('a:\n  b: 1\n c: 2')).toThrow();
    expect(parseYamlSubset('a:\n  - "x # y"\n  - z # note\nb: false')).toEqual({ a: ['x # y', 'z'], b: false });
  });
});
