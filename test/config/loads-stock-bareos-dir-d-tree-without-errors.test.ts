import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDirectorConfig, loadDirectorConfig, resourceNames } from '../../src/config/index.ts';
import { FIXTURES } from './helpers.ts';

const STOCK = join(FIXTURES, 'stock');

describe('a stock-like bareos-dir.d tree', () => {
  it('loads with zero errors and zero warnings, from the parent or the tree itself', () => {
    for (const path of [STOCK, join(STOCK, 'bareos-dir.d')]) {
      const result = checkDirectorConfig(path);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.summary.files).toBe(26);
      expect(result.summary.directorName).toBe('bareos-dir');
    }
  });

  it('lists every resource type the dot commands need', () => {
    const config = loadDirectorConfig(STOCK);
    expect(resourceNames(config, 'Pool')).toEqual(['Differential', 'Full', 'Incremental', 'Scratch']);
    expect(resourceNames(config, 'job')).toEqual(['BackupCatalog', 'RestoreFiles', 'backup-bareos-fd']);
    expect(resourceNames(config, 'Client')).toEqual(['bareos-fd', 'web-fd']);
    expect(resourceNames(config, 'Messages')).toEqual(['Daemon', 'Standard']);
    expect(resourceNames(config, 'Schedule')).toEqual(['WeeklyCycle', 'WeeklyCycleAfterBackup']);
    expect(config.consoles.map((c) => c.name)).toEqual(['admin', 'bareos-mon']);
    expect(config.profiles.map((p) => p.name)).toEqual(['operator', 'webui-admin']);
    expect(config.users.map((u) => u.name)).toEqual(['alice']);
  });

  it('types the Director, Catalogs and light views', () => {
    const config = loadDirectorConfig(STOCK);
    expect(config.director.password).toBe('Xk3v9P2mQ7rT');
    expect(config.director.addresses).toEqual([
      { family: 'ip', addr: '127.0.0.1', port: 9101 },
      { family: 'ipv6', addr: '::1', port: 9101 },
    ]);
    expect(config.director.extras.map((e) => e.keyword)).toContain('workingdirectory');
    expect(config.catalogs.map((c) => [c.name, c.dbDriver, c.dbName])).toEqual([
      ['LocalCatalog', 'sqlite3', '/var/lib/bareos/bareos.db'],
      ['MyCatalog', 'postgresql', 'bareos'],
    ]);
    expect(config.clients.find((c) => c.name === 'web-fd')?.enabled).toBe(false);
    expect(config.pools.find((p) => p.name === 'Scratch')?.poolType).toBe('Scratch');
    expect(config.schedules[0]?.run).toEqual(['Full 1st sat at 21:00', 'Differential 2nd-5th sat at 21:00', 'Incremental mon-fri at 21:00']);
  });
});
