import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Type-checks one probe file with a runtime's tsconfig options and returns the error codes. */
function probe(project: string, code: string): number[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, project, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) {
    throw new Error(`${project}/tsconfig.json could not be read`);
  }
  const file = path.join(ROOT, project, '__probe__.ts');
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? code : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const options = { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false };
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName && path.resolve(d.file.fileName) === file).map((d) => d.code);
}

const DOM = 'export const a = document.title;\n';
const NODE = 'export const b = process.env;\n';
const PLAIN = 'export const c: readonly number[] = [1, 2].map((x) => x * 2);\n';

/** Each runtime sees only its own globals: a `window` or `process` in shared/ is a type error. */
describe('one tsconfig per runtime', () => {
  it('shared/ has neither DOM nor Node types', () => {
    expect(probe('shared', DOM)).toContain(2584);
    expect(probe('shared', NODE)).toContain(2591);
    expect(probe('shared', PLAIN)).toEqual([]);
  });

  it('renderer/ has the DOM and no Node', () => {
    expect(probe('renderer', DOM)).toEqual([]);
    expect(probe('renderer', NODE)).toContain(2591);
  });

  it('electron/ has Node and no DOM', () => {
    expect(probe('electron', NODE)).toEqual([]);
    expect(probe('electron', DOM)).toContain(2584);
  });
});
