import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDirectorConfig, formatConfigCheck } from '../../src/config/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tsbareos-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('checkDirectorConfig (director -t)', () => {
  it('returns every model error and warning instead of throwing', () => {
    const file = join(scratch, 'bad.conf');
    writeFileSync(file, 'Director { Name = d; Password = p; Frob = 1 }\nConsole { Name = c }\nUser { Name = u; Profile = x }\n');
    const result = checkDirectorConfig(file);
    expect(result.ok).toBe(false);
    expect(result.config).toBeUndefined();
    expect(result.errors.map((e) => [e.code, e.line])).toEqual([['ERR_CONFIG_MISSING_DIRECTIVE', 2], ['ERR_CONFIG_REFERENCE', 3]]);
    expect(result.warnings.map((w) => w.code)).toEqual(['W_UNKNOWN_DIRECTIVE']);
    expect(formatConfigCheck(result)).toMatch(/^error: .*bad\.conf:2:1: .*\nerror: .*\nwarning: .*Frob.*\nconfiguration has 2 error\(s\)\n$/);
  });

  it('reports a syntax error and a missing path as one error each', () => {
    const file = join(scratch, 'syntax.conf');
    writeFileSync(file, 'Director {\n');
    expect(checkDirectorConfig(file).errors.map((e) => e.code)).toEqual(['ERR_CONFIG_SYNTAX']);
    expect(checkDirectorConfig(join(scratch, 'missing')).errors.map((e) => e.code)).toEqual(['ERR_CONFIG_FILE']);
  });

  it('summarises a good configuration', () => {
    const file = join(scratch, 'good.conf');
    writeFileSync(file, 'Director { Name = d; Password = p }\nPool { Name = Full }\nPool { Name = Scratch }\n');
    const result = checkDirectorConfig(file);
    expect(result.summary).toEqual({ directorName: 'd', files: 1, resources: { Director: 1, Pool: 2 } });
    expect(formatConfigCheck(result)).toBe('configuration OK: director d, 1 files, 1 Director, 2 Pool\n');
  });
});
