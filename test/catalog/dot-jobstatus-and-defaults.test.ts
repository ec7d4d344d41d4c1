/** `.jobstatus` lists the Status table; `.defaults job=` reads the Job resource (reference §4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';

describe.each(DRIVERS)('.jobstatus and .defaults ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ catalog, dispose } = await driver.create()));
  afterAll(async () => dispose());

  it('.jobstatus=T gives one row with exit level and status', async () => {
    const r = await runCommand(catalogCommands, '.jobstatus=T', catalog, { api: 2 });
    expect(JSON.parse(r.text).result).toEqual({ jobstatus: [{ jobstatus: 'T', jobstatuslong: 'Completed successfully', severity: '10', exitlevel: '0', exitstatus: 'Ok' }] });
  });

  it('.jobstatus lists every letter in the plain table form', async () => {
    const r = await runCommand(catalogCommands, '.jobstatus', catalog);
    expect(r.text.split('\n')[1]).toBe('| jobstatus | jobstatuslong                   | severity | exitlevel | exitstatus |');
    expect(r.text.trimEnd().split('\n').length).toBe(26 + 4);
  });

  it('.defaults job= gives the job defaults with enabled as a number', async () => {
    const r = await runCommand(catalogCommands, '.defaults job=backup-bareos-fd', catalog, { api: 2 });
    expect(JSON.parse(r.text).result).toEqual({
      defaults: {
        job: 'backup-bareos-fd', pool: 'Incremental', messages: 'Standard', client: 'bareos-fd', storage: 'File', where: '',
        level: 'Incremental', type: 'Backup', fileset: 'SelfTest', enabled: 1, catalog: 'MyCatalog',
      },
    });
    const plain = await runCommand(catalogCommands, '.defaults job=backup-bareos-fd', catalog);
    expect(plain.text.split('\n')[0]).toBe('job=backup-bareos-fd');
  });

  it('.defaults for an unknown job is an empty object; without argument it fails', async () => {
    expect(JSON.parse((await runCommand(catalogCommands, '.defaults job=nope', catalog, { api: 2 })).text).result).toEqual({ defaults: {} });
    const r = await runCommand(catalogCommands, '.defaults', catalog);
    expect(r.ok).toBe(false);
    expect(r.text).toBe('.defaults command requires a parameter.\n');
  });
});
