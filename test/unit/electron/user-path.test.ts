import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandUserPath } from '../../../electron/sources/user-path';
import { asksForHelp, commandHelp, usageCommands } from '../../../electron/cli/command-help';

const base = { home: '/home/ada', cwd: '/work/logs' };

describe('a path as the user typed it', () => {
  it('reads ~ as the home folder and a relative path from the folder the command was typed in', () => {
    expect(expandUserPath('~', base)).toBe('/home/ada');
    expect(expandUserPath('~/audit/dbt.db', base)).toBe(path.join('/home/ada', 'audit/dbt.db'));
    expect(expandUserPath('dbt.db', base)).toBe(path.join('/work/logs', 'dbt.db'));
    expect(expandUserPath('../other/x.sqlite', base)).toBe(path.resolve('/work/logs', '../other/x.sqlite'));
    expect(expandUserPath('  dbt.db ', base)).toBe(path.join('/work/logs', 'dbt.db'));
  });

  it('leaves absolute paths, URLs, ~user and empty text as they are', () => {
    expect(expandUserPath('/data/x.db', base)).toBe('/data/x.db');
    expect(expandUserPath('postgres://u@h/d', base)).toBe('postgres://u@h/d');
    expect(expandUserPath('~bob/x.db', base)).toBe(path.join('/work/logs', '~bob/x.db'));
    expect(expandUserPath('', base)).toBe('');
  });
});

const USAGE = `Usage:
  auditlens inspect STORE [--json]
  auditlens export STORE (--table T)
                   [--filter EXPR]... [--out FILE|-]
  auditlens serve [STORE] [--port N]

Filters: COL=VALUE  COL~TEXT (contains)`;

describe('auditlens COMMAND --help', () => {
  it('lists the commands of the usage text', () => {
    expect(usageCommands(USAGE)).toEqual(['inspect', 'export', 'serve']);
  });

  it('gives a command its own lines, and the filter syntax to the commands that filter', () => {
    expect(commandHelp(USAGE, 'serve')).toBe('Usage:\n  auditlens serve [STORE] [--port N]');
    expect(commandHelp(USAGE, 'export')).toBe('Usage:\n  auditlens export STORE (--table T)\n                   [--filter EXPR]... [--out FILE|-]\n\nFilters: COL=VALUE  COL~TEXT (contains)');
    expect(commandHelp(USAGE, 'exp')).toBeNull();
    expect(commandHelp(USAGE, 'query')).toBeNull();
  });

  it('asks for help on --help or -h before a `--`', () => {
    expect(asksForHelp(['--help'])).toBe(true);
    expect(asksForHelp(['x.db', '-h'])).toBe(true);
    expect(asksForHelp(['x.db', '--json'])).toBe(false);
    expect(asksForHelp(['--', '--help'])).toBe(false);
  });
});
