import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigReferenceError, findByName, loadDirectorConfig, parseDirectorConfigText } from '../../src/config/index.ts';
import { configErrorOf, DIRECTOR, FIXTURES } from './helpers.ts';

describe('JobDefs inheritance', () => {
  it('fills what the Job leaves out and keeps what it sets', () => {
    const config = loadDirectorConfig(join(FIXTURES, 'stock'));
    const job = findByName(config.jobs, 'BackupCatalog');
    expect(job).toMatchObject({
      type: 'Backup', level: 'Full', fileSet: 'Catalog', schedule: 'WeeklyCycleAfterBackup', pool: 'Incremental',
      storage: ['File'], messages: 'Standard', priority: 11, fullBackupPool: 'Full', jobDefs: 'DefaultJob',
    });
    // Inherited values point at the JobDefs file, own values at the Job's.
    expect(job?.positions.get('type')?.file).toMatch(/jobdefs\/DefaultJob\.conf$/);
    expect(job?.positions.get('level')?.file).toMatch(/job\/BackupCatalog\.conf$/);
  });

  it('follows a chain of JobDefs', () => {
    const config = parseDirectorConfigText(`${DIRECTOR}
JobDefs { Name = base; Type = Backup; Pool = P1 }
JobDefs { Name = mid; JobDefs = base; Level = Full }
Job { Name = j; JobDefs = mid; Pool = P2 }`);
    expect(findByName(config.jobs, 'j')).toMatchObject({ type: 'Backup', level: 'Full', pool: 'P2' });
  });

  it('rejects a missing JobDefs at the directive, once', () => {
    const err = configErrorOf(() => parseDirectorConfigText(`${DIRECTOR}Job {\n  Name = j\n  JobDefs = nope\n}`, 'dir.conf'));
    expect(err).toBeInstanceOf(ConfigReferenceError);
    expect([err.line, err.column]).toEqual([4, 3]);
  });
});
