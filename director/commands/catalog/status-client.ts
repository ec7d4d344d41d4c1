/**
 * `status client=NAME` from the catalog only: tsbareos does not talk to file daemons, so the report
 * says so and shows the client's last jobs from the catalog, in the layout of Bareos' "Terminated
 * Jobs" table (api 2: `terminated` records with JSON numbers, as `status director` uses).
 */
import type { JsonObject } from '../../../src/format/output.ts';
import { addCommas } from '../../../src/format/columns.ts';
import type { CommandContext } from '../types.ts';
import { open, reportFailure } from './list.ts';

const RECENT = 10;
const LEVELS: Readonly<Record<string, string>> = { F: 'Full', I: 'Incr', D: 'Diff', f: 'VFul', B: 'Base', S: 'Since', C: 'Cat', V: 'Init', O: 'Vol', d: 'Disk', A: 'Data', ' ': '' };
const STATUS: Readonly<Record<string, string>> = { T: 'OK', W: 'OK -- with warnings', E: 'Error', e: 'Error', f: 'Error', A: 'Cancel', D: 'Diffs', C: 'Created', R: 'Running' };

export async function statusClient(ctx: CommandContext): Promise<boolean> {
  const name = ctx.args.value('client') ?? '';
  if (!ctx.session.acl.allows('client', name)) {
    ctx.out.error(`Client "${name}" not found.\n`);
    return false;
  }
  const catalog = await open(ctx);
  if (!catalog) return false;
  try {
    if (!(await catalog.findClient(name))) {
      ctx.out.error(`Client "${name}" not found.\n`);
      return false;
    }
    const rows = await catalog.recentJobs(name, RECENT);
    const jobs = rows.filter((r) => ctx.session.acl.allows('job', r[1] ?? ''));
    const terminated: JsonObject[] = jobs.map((r) => ({
      jobid: Number(r[0]), name: r[1] ?? '', level: LEVELS[r[2] ?? ''] ?? r[2] ?? '', type: r[3] ?? '',
      status: STATUS[r[4] ?? ''] ?? 'Other', files: Number(r[5] ?? 0), bytes: Number(r[6] ?? 0), finished: r[8] ?? '',
    }));
    ctx.out.setResult('client', { name, source: 'catalog' });
    ctx.out.setResult('terminated', terminated);
    ctx.out.send(plainReport(name, terminated));
    return true;
  } catch (err) {
    return reportFailure(ctx, err);
  }
}

function plainReport(name: string, jobs: readonly JobJson[]): string {
  let text = `${name}: status from the catalog (tsbareos does not contact file daemons)\n\nTerminated Jobs:\n`;
  if (jobs.length === 0) return text + 'No Terminated Jobs.\n====\n';
  text += ' JobId  Level      Files        Bytes   Status   Finished             Name \n';
  text += '='.repeat(100) + '\n';
  for (const j of jobs) {
    text += `${String(j.jobid).padStart(6)}  ${String(j.level).padEnd(5)} ${addCommas(String(j.files)).padStart(10)} ${addCommas(String(j.bytes)).padStart(14)}  ` +
      `${String(j.status).padEnd(8)} ${String(j.finished).padEnd(20)} ${j.name}\n`;
  }
  return text + '====\n';
}

type JobJson = JsonObject;
