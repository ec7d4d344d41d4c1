import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigIncludeError, loadDirectorConfig, parseDirectorConfigText } from '../../src/config/index.ts';
import { configErrorOf, DIRECTOR, FIXTURES } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tsbareos-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('@include', () => {
  it('splices a file inside a resource and glob matches in sorted order', () => {
    const root = join(FIXTURES, 'include', 'bareos-dir.conf');
    const config = loadDirectorConfig(root);
    expect(config.director.password).toBe('from-include');
    expect(config.consoles.map((c) => c.name)).toEqual(['first', 'second']);
    expect(config.profiles.map((p) => p.name)).toEqual(['ops']);
    expect(config.catalogs.map((c) => c.name)).toEqual(['MyCatalog']);
    expect(config.files[0]).toBe(root);
    expect(config.files).toContain(join(FIXTURES, 'include', 'conf.d', 'consoles', 'b-second.conf'));
    // conf.d/catalog.conf is not matched by conf.d/*/*.conf, only by the explicit include.
    expect(config.files.filter((f) => f.endsWith('catalog.conf'))).toHaveLength(1);
  });

  it('accepts absolute paths and warns when a glob matches nothing', () => {
    writeFileSync(join(scratch, 'console.conf'), 'Console { Name = abs; Password = x }\n');
    const config = parseDirectorConfigText(`${DIRECTOR}@${scratch}/*.conf\n@${scratch}/none/*.conf\n`, join(scratch, 'dir.conf'));
    expect(config.consoles.map((c) => c.name)).toEqual(['abs']);
    expect(config.warnings.map((w) => w.code)).toEqual(['W_INCLUDE_NO_MATCH']);
  });

  it('names the include line when the file is missing', () => {
    const err = configErrorOf(() => parseDirectorConfigText(`${DIRECTOR}\n  @missing.conf\n`, join(scratch, 'dir.conf')));
    expect(err).toBeInstanceOf(ConfigIncludeError);
    expect([err.file, err.line, err.column]).toEqual([join(scratch, 'dir.conf'), 3, 3]);
  });

  it('refuses include cycles and command includes', () => {
    writeFileSync(join(scratch, 'loop.conf'), '@loop.conf\n');
    expect(configErrorOf(() => loadDirectorConfig(join(scratch, 'loop.conf'))).code).toBe('ERR_CONFIG_INCLUDE');
    const err = configErrorOf(() => parseDirectorConfigText(`${DIRECTOR}@|cat /etc/passwd\n`, join(scratch, 'dir.conf')));
    expect(err).toBeInstanceOf(ConfigIncludeError);
    expect(err.line).toBe(2);
  });
});
