/**
 * The catalog the golden captures were made from (golden/README.md): one client bareos-fd, four
 * pools, one fileset, jobs 1 (Full, T), 2 (Incremental, T), 3 (Incremental, f). Values are read off
 * golden/api2/llist_jobs.json, llist_pools.json, llist_clients.json and list_filesets.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../../src/catalog/types.ts';

/** Catalog-command captures from the shared reference, kept with the tests. */
export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden-catalog');

export function golden(kind: 'plain' | 'api2', name: string): string {
  return readFileSync(join(GOLDEN_DIR, kind, `${name}.${kind === 'plain' ? 'txt' : 'json'}`), 'utf8');
}

const POOLS = [
  { PoolId: 1, Name: 'Scratch', MaxVols: 0, VolRetention: 31536000, MaxVolBytes: 0, PoolType: 'Scratch', LabelFormat: '*' },
  { PoolId: 2, Name: 'Incremental', MaxVols: 100, VolRetention: 2592000, MaxVolBytes: 1073741824, PoolType: 'Backup', LabelFormat: 'Incremental-' },
  { PoolId: 3, Name: 'Full', MaxVols: 100, VolRetention: 31536000, MaxVolBytes: 53687091200, PoolType: 'Backup', LabelFormat: 'Full-' },
  { PoolId: 4, Name: 'Differential', MaxVols: 100, VolRetention: 7776000, MaxVolBytes: 10737418240, PoolType: 'Backup', LabelFormat: 'Differential-' },
];

const JOBS = [
  { JobId: 1, day: '2026-11-20', Level: 'F', JobStatus: 'T', start: '23:05:01', end: '23:06:10', JobTDate: 1763679970, JobFiles: 1234, JobBytes: 56789012, JobErrors: 0, PoolId: 3 },
  { JobId: 2, day: '2026-11-21', Level: 'I', JobStatus: 'T', start: '23:05:02', end: '23:05:30', JobTDate: 1763766330, JobFiles: 12, JobBytes: 34567, JobErrors: 0, PoolId: 2 },
  { JobId: 3, day: '2026-11-22', Level: 'I', JobStatus: 'f', start: '23:05:02', end: '23:05:05', JobTDate: 1763852705, JobFiles: 0, JobBytes: 0, JobErrors: 1, PoolId: 2 },
];

export async function seedGolden(catalog: Catalog): Promise<void> {
  await catalog.insert('Client', { ClientId: 1, Name: 'bareos-fd', UName: '', AutoPrune: 0, FileRetention: 0, JobRetention: 0 });
  for (const p of POOLS) {
    await catalog.insert('Pool', { ...p, NumVols: 0, UseOnce: 0, UseCatalog: 1, AcceptAnyVolume: 0, VolUseDuration: 0, MaxVolJobs: 0, AutoPrune: 1, Recycle: 1, Enabled: 1 });
  }
  await catalog.insert('FileSet', { FileSetId: 1, FileSet: 'SelfTest', MD5: 'abc', CreateTime: '2026-11-20 23:00:00', FileSetText: '' });
  await catalog.insert('Storage', { StorageId: 1, Name: 'File', AutoChanger: 0 });
  for (const j of JOBS) {
    const end = `${j.day} ${j.end}`;
    await catalog.insert('Job', {
      JobId: j.JobId, Job: `backup-bareos-fd.${j.day}_23.05.00_0${j.JobId}`, Name: 'backup-bareos-fd', Type: 'B', Level: j.Level, ClientId: 1,
      JobStatus: j.JobStatus, SchedTime: `${j.day} 23:05:00`, StartTime: `${j.day} ${j.start}`, EndTime: end, RealEndTime: end,
      JobTDate: j.JobTDate, VolSessionId: j.JobId, VolSessionTime: 1763679900, JobFiles: j.JobFiles, JobBytes: j.JobBytes,
      JobErrors: j.JobErrors, JobMissingFiles: 0, PoolId: j.PoolId, FileSetId: 1, PriorJobId: 0, PurgedFiles: 0,
    });
  }
}
