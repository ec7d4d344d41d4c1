/**
 * Generated backup history for demos and benchmarks: clients, the four usual pools, filesets, one
 * file storage, and jobs spread over the past year with Bareos-like names, levels, statuses, sizes,
 * durations, volumes (JobMedia) and job log lines. Deterministic for a given seed.
 *
 * A generator of (table, record) pairs so each driver can load it its own way (prepared statements
 * in one transaction on SQLite, batched multi-row INSERTs on PostgreSQL). Ids are explicit so rows
 * can reference each other before the referenced row is written.
 */
import { formatTimestamp } from './interval.ts';
import type { CatalogTable } from './schema.ts';
import type { InsertValue, SeedOptions } from './types.ts';

export type SeedRecord = Record<string, InsertValue>;
export interface SeedCounts {
  jobs: number;
  clients: number;
  media: number;
  logs: number;
}

const DAY = 86_400;
const HOSTS = ['web', 'db', 'mail', 'files', 'app', 'build', 'proxy', 'ldap', 'git', 'wiki', 'monitor', 'vpn'];
const UNAMES = [
  '25.0.1 (05Aug25) Debian GNU/Linux 12 (bookworm),debian,Debian GNU/Linux 12 (bookworm)',
  '24.0.3 (12Mar25) Ubuntu 24.04 LTS,ubuntu,Ubuntu 24.04 LTS',
  '25.0.1 (05Aug25) Red Hat Enterprise Linux 9.4 (Plow),redhat,Red Hat Enterprise Linux 9.4 (Plow)',
  '23.1.2 (04Dec24) Microsoft Windows Server 2022,windows,Windows Server 2022',
];

interface PoolSpec { id: number; name: string; maxVolBytes: number; retention: number; label: string; type: string; maxVols: number }
const POOLS: readonly PoolSpec[] = [
  { id: 1, name: 'Scratch', maxVolBytes: 0, retention: 31_536_000, label: '*', type: 'Scratch', maxVols: 0 },
  { id: 2, name: 'Incremental', maxVolBytes: 1_073_741_824, retention: 2_592_000, label: 'Incremental-', type: 'Backup', maxVols: 100 },
  { id: 3, name: 'Full', maxVolBytes: 53_687_091_200, retention: 31_536_000, label: 'Full-', type: 'Backup', maxVols: 100 },
  { id: 4, name: 'Differential', maxVolBytes: 10_737_418_240, retention: 7_776_000, label: 'Differential-', type: 'Backup', maxVols: 100 },
];
const FILESETS = ['SelfTest', 'LinuxAll', 'Catalog', 'WindowsAll'];

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function clientName(i: number): string {
  if (i === 0) return 'bareos-fd';
  const host = HOSTS[(i - 1) % HOSTS.length] as string;
  return `${host}-${String(Math.floor((i - 1) / HOSTS.length) + 1).padStart(2, '0')}-fd`;
}

function* staticRows(options: SeedOptions, now: Date): Generator<[CatalogTable, SeedRecord]> {
  for (let i = 0; i < options.clients; i++) {
    yield ['Client', { ClientId: i + 1, Name: clientName(i), UName: UNAMES[i % UNAMES.length] as string, AutoPrune: 1, FileRetention: 5_184_000, JobRetention: 15_552_000 }];
  }
  for (const p of POOLS) {
    yield ['Pool', {
      PoolId: p.id, Name: p.name, NumVols: 0, MaxVols: p.maxVols, UseOnce: 0, UseCatalog: 1, AcceptAnyVolume: 0, VolRetention: p.retention,
      VolUseDuration: 0, MaxVolJobs: 0, MaxVolFiles: 0, MaxVolBytes: p.maxVolBytes, AutoPrune: 1, Recycle: 1, ActionOnPurge: 0,
      PoolType: p.type, LabelType: 0, LabelFormat: p.label, Enabled: 1, ScratchPoolId: 0, RecyclePoolId: 0,
    }];
  }
  yield ['Storage', { StorageId: 1, Name: 'File', AutoChanger: 0 }];
  const created = formatTimestamp(new Date(now.getTime() - 400 * DAY * 1000));
  for (const [i, name] of FILESETS.entries()) {
    const text = `FileSet {\n  Name = "${name}"\n  Include {\n    Options {\n      Signature = XXH128\n    }\n    File = "/etc"\n  }\n}\n`;
    yield ['FileSet', { FileSetId: i + 1, FileSet: name, FileSetText: text, MD5: md5Like(name), CreateTime: created }];
  }
}

function md5Like(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const r = prng([...name].reduce((h, ch) => h * 31 + ch.charCodeAt(0), 7));
  let s = '';
  for (let i = 0; i < 22; i++) s += alphabet[Math.floor(r() * 64)];
  return s;
}

interface Volume { id: number; name: string; pool: PoolSpec; bytes: number; jobs: number; files: number; first: string; last: string }

/** Yields every row; returns the counts. */
export function* history(options: SeedOptions): Generator<[CatalogTable, SeedRecord], SeedCounts> {
  const now = options.now ?? new Date();
  const rand = prng(options.seed ?? 1);
  yield* staticRows(options, now);
  const clients = Math.max(1, options.clients);
  const nowSec = Math.floor(now.getTime() / 1000);
  // Spread over at most a year, at least one run per client per day.
  const span = Math.min(365 * DAY, Math.ceil(options.jobs / clients) * DAY);
  const step = span / Math.max(1, options.jobs);
  const perClient = new Array<number>(clients).fill(0);
  const open = new Map<number, Volume>();
  let mediaCount = 0;
  let logId = 0;
  const sessionTime = nowSec - span - DAY;
  const closeVolume = (v: Volume, status: string): [CatalogTable, SeedRecord] => mediaRow(v, status);

  for (let i = 0; i < options.jobs; i++) {
    const jobId = i + 1;
    const clientIdx = Math.floor(rand() * clients);
    const n = perClient[clientIdx] ?? 0;
    perClient[clientIdx] = n + 1;
    const sched = nowSec - span + Math.floor(i * step);
    const level = n % 7 === 0 ? 'F' : n % 7 === 4 ? 'D' : 'I';
    const pool = POOLS[level === 'F' ? 2 : level === 'D' ? 3 : 1] as PoolSpec;
    const recent = options.jobs - i <= Math.min(3, Math.ceil(options.jobs / 1000));
    const status = recent ? 'R' : pickStatus(rand());
    const failed = status === 'f' || status === 'A';
    const bytes = failed || status === 'R' ? 0 : Math.floor((level === 'F' ? 2e9 : level === 'D' ? 3e8 : 4e7) * (0.2 + rand() * 1.6));
    const files = bytes === 0 ? 0 : Math.max(1, Math.floor(bytes / (30_000 + rand() * 90_000)));
    const start = sched + 1 + Math.floor(rand() * 5);
    const end = status === 'R' ? null : start + 3 + Math.floor(bytes / (60e6 + rand() * 140e6));
    const name = `backup-${clientName(clientIdx)}`;
    const schedT = formatTimestamp(new Date(sched * 1000));
    const job = `${name}.${schedT.slice(0, 10)}_${schedT.slice(11).replace(/:/g, '.')}_${String(jobId % 100).padStart(2, '0')}`;
    const startT = formatTimestamp(new Date(start * 1000));
    const endT = end === null ? null : formatTimestamp(new Date(end * 1000));
    yield ['Job', {
      JobId: jobId, Job: job, Name: name, Type: 'B', Level: level, ClientId: clientIdx + 1, JobStatus: status, SchedTime: schedT,
      StartTime: startT, EndTime: endT, RealEndTime: endT, JobTDate: end ?? start, VolSessionId: (i % 1000) + 1, VolSessionTime: sessionTime,
      JobFiles: files, JobBytes: bytes, ReadBytes: bytes, JobErrors: status === 'E' || status === 'f' ? 1 + Math.floor(rand() * 3) : 0,
      JobMissingFiles: 0, PoolId: pool.id, FileSetId: (clientIdx % 3) + 1, PriorJobId: 0, PurgedFiles: 0, HasBase: 0, HasCache: 0, Reviewed: 0,
    }];
    let vol = open.get(pool.id);
    if (!vol || vol.bytes + bytes > pool.maxVolBytes) {
      if (vol) yield closeVolume(vol, 'Full');
      vol = { id: ++mediaCount, name: `${pool.label}${String(mediaCount).padStart(4, '0')}`, pool, bytes: 0, jobs: 0, files: 0, first: startT, last: startT };
      open.set(pool.id, vol);
    }
    vol.bytes += bytes;
    vol.jobs++;
    vol.files++;
    vol.last = endT ?? startT;
    yield ['JobMedia', {
      JobMediaId: jobId, JobId: jobId, MediaId: vol.id, FirstIndex: files === 0 ? 0 : 1, LastIndex: files, StartFile: 0, EndFile: 0,
      StartBlock: 0, EndBlock: Math.floor(bytes / 64512), JobBytes: bytes, VolIndex: 1,
    }];
    yield ['Log', { LogId: ++logId, JobId: jobId, Time: startT, LogText: `bareos-dir JobId ${jobId}: Start Backup JobId ${jobId}, Job=${job}\n` }];
    if (endT !== null) {
      yield ['Log', { LogId: ++logId, JobId: jobId, Time: endT, LogText: `bareos-dir JobId ${jobId}: Bareos bareos-dir 25.0.1:\n  JobId:                  ${jobId}\n  Termination:            ${terminationText(status)}\n` }];
    }
  }
  for (const vol of open.values()) yield closeVolume(vol, 'Append');
  return { jobs: options.jobs, clients: options.clients, media: mediaCount, logs: logId };
}

function mediaRow(v: Volume, status: string): [CatalogTable, SeedRecord] {
  return ['Media', {
    MediaId: v.id, VolumeName: v.name, Slot: 0, PoolId: v.pool.id, MediaType: 'File', MediaTypeId: 1, LabelType: 0, FirstWritten: v.first,
    LastWritten: v.last, LabelDate: v.first, VolJobs: v.jobs, VolFiles: v.files, VolBlocks: Math.floor(v.bytes / 64512), VolMounts: 1,
    VolBytes: v.bytes, VolErrors: 0, VolWrites: Math.floor(v.bytes / 64512) + 1, VolCapacityBytes: 0, VolStatus: status, Enabled: 1, Recycle: 1,
    ActionOnPurge: 0, VolRetention: v.pool.retention, VolUseDuration: 0, MaxVolJobs: 0, MaxVolFiles: 0, MaxVolBytes: v.pool.maxVolBytes,
    InChanger: 0, StorageId: 1, DeviceId: 0, MediaAddressing: 0, VolReadTime: 0, VolWriteTime: 0, EndFile: 0, EndBlock: 0, LocationId: 0,
    RecycleCount: 0, MinBlockSize: 0, MaxBlockSize: 0, InitialWrite: null, ScratchPoolId: 0, RecyclePoolId: 0, EncryptionKey: null, Comment: null,
  }];
}

function pickStatus(r: number): string {
  if (r < 0.92) return 'T';
  if (r < 0.95) return 'W';
  if (r < 0.97) return 'E';
  if (r < 0.985) return 'f';
  return 'A';
}

function terminationText(status: string): string {
  switch (status) {
    case 'T': return 'Backup OK';
    case 'W': return 'Backup OK -- with warnings';
    case 'A': return 'Backup Canceled';
    default: return '*** Backup Error ***';
  }
}
