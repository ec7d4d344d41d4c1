import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, loadDirectorConfig, resourceNames } from '../../src/config/index.ts';
import { configErrorOf, FIXTURES } from './helpers.ts';

describe('single-file configuration', () => {
  it('loads the file itself or the directory holding bareos-dir.conf', () => {
    for (const path of [join(FIXTURES, 'single', 'bareos-dir.conf'), join(FIXTURES, 'single')]) {
      const config = loadDirectorConfig(path);
      expect(config.files).toEqual([join(FIXTURES, 'single', 'bareos-dir.conf')]);
      expect(config.director).toMatchObject({ name: 'bareos-dir', password: 'dirsecret', maximumConsoleConnections: 20 });
      expect(config.consoles.map((c) => [c.name, c.usePamAuthentication, c.tlsEnable])).toEqual([
        ['admin', false, true], ['webui', true, false],
      ]);
      expect(resourceNames(config, 'FileSet')).toEqual(['SelfTest']);
      expect(config.warnings).toEqual([]);
    }
  });

  it('reports a missing path as ConfigFileError', () => {
    const err = configErrorOf(() => loadDirectorConfig(join(FIXTURES, 'no-such-dir', 'x.conf')));
    expect(err).toBeInstanceOf(ConfigFileError);
    expect(err.code).toBe('ERR_CONFIG_FILE');
  });
});
