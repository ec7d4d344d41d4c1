/**
 * `status [director|dir|client=NAME|...]`. The director part follows the shape of Bareos' report
 * (golden/plain/status_director.txt) and adds what an operator of logins wants: who is connected,
 * from where, since when, over what, and the login counters.
 */
import { BAREOS_BUILD_DATE, BAREOS_PROTOCOL_VERSION } from '../../src/version.ts';
import type { JsonObject } from '../../src/format/output.ts';
import type { LoginMetricsSnapshot } from '../metrics.ts';
import { osInfo } from './os-info.ts';
import { shortDateTime } from './time-format.ts';
import type { Command, CommandContext, SessionView } from './types.ts';

export type ClientStatus = (ctx: CommandContext) => Promise<boolean>;

export function createStatusCommand(statusClient: ClientStatus | undefined): Command {
  return {
    name: 'status',
    description: 'Report the status of the director or of a client',
    usage: 'director | client=<client-name> | dir',
    run(ctx) {
      const first = ctx.args.rest[0];
      const word = first?.keyword.toLowerCase() ?? 'director';
      if (word === 'client' && first?.value !== undefined) {
        if (!statusClient) {
          ctx.out.error('status client: no catalog support in this director.\n');
          return false;
        }
        return statusClient(ctx);
      }
      if (word === 'dir' || word === 'director' || 'director'.startsWith(word)) return statusDirector(ctx);
      if (word === 'all') return statusDirector(ctx);
      ctx.out.error(`status ${word}: this director runs no storage daemons or schedulers; try "status director" or "status client=<name>".\n`);
      return false;
    },
  };
}

function statusDirector(ctx: CommandContext): boolean {
  const director = ctx.director;
  const name = director.config.director.name;
  const os = osInfo();
  const started = shortDateTime(director.startedAt);
  const driver = director.config.catalogs[0]?.dbDriver ?? 'none';
  const sessions = director.sessions();
  let text = `${name} Version: ${BAREOS_PROTOCOL_VERSION} (${BAREOS_BUILD_DATE}) ${os.operatingSystem}\n`;
  text += `Daemon started ${started}. Jobs: run=0, running=0 db:${driver}, tsbareos binary\n`;
  text += 'No Scheduled Jobs.\n====\n\nRunning Jobs:\n';
  for (const s of sessions) text += `Console connected at ${shortDateTime(s.connectedAt)}\n`;
  text += 'No Jobs running.\n====\nNo Terminated Jobs.\n\n';
  text += 'Client Initiated Connections (waiting for jobs):\n';
  text += `${'Connect time'.padEnd(20)}${'Protocol'.padEnd(20)}${'Authenticated'.padEnd(20)}${'Name'.padEnd(40)}\n`;
  text += `${'='.repeat(100)}\n====\n`;
  text += consoleTable(sessions, director.config.director.maximumConsoleConnections);
  // Ours (issue 9): the login counters, so an operator sees refusals without a metrics scraper.
  const logins = director.metrics?.snapshot();
  if (logins) text += loginTable(logins, sessions.length);
  ctx.out.send(text);
  ctx.out.setResult('header', {
    director: name,
    version: BAREOS_PROTOCOL_VERSION,
    release_date: BAREOS_BUILD_DATE,
    os: os.operatingSystem,
    binary_info: 'tsbareos',
    daemon_started: started,
    jobs_run: 0,
    jobs_running: 0,
    config_warnings: director.config.warnings.length > 0,
  });
  ctx.out.setResult('scheduled', []);
  ctx.out.setResult('running', []);
  ctx.out.setResult('terminated', []);
  ctx.out.setResult('client-connection', []);
  ctx.out.setResult('consoles', sessions.map(consoleJson));
  if (logins) ctx.out.setResult('logins', loginJson(logins, sessions.length));
  return true;
}

function loginTable(m: LoginMetricsSnapshot, active: number): string {
  let text = `\nConsole Logins: active ${active}, connections refused before login ${m.refusedConnections}\n`;
  text += ` ${'Mode'.padEnd(16)} ${'Result'.padEnd(8)} ${'Count'.padStart(8)}\n`;
  for (const a of m.attempts) text += ` ${a.mode.padEnd(16)} ${a.result.padEnd(8)} ${String(a.count).padStart(8)}\n`;
  if (m.refusals.length > 0) {
    text += ` ${'Refused by'.padEnd(34)} ${'Count'.padStart(8)}\n`;
    for (const r of m.refusals) text += ` ${r.code.padEnd(34)} ${String(r.count).padStart(8)}\n`;
  }
  if (m.phases.length > 0) {
    text += ` ${'Phase (ok logins)'.padEnd(20)} ${'Count'.padStart(8)} ${'Avg ms'.padStart(10)}\n`;
    for (const p of m.phases) text += ` ${p.phase.padEnd(20)} ${String(p.count).padStart(8)} ${p.avgMs.toFixed(3).padStart(10)}\n`;
  }
  return `${text}====\n`;
}

function loginJson(m: LoginMetricsSnapshot, active: number): JsonObject {
  return {
    active_consoles: active,
    refused_connections: m.refusedConnections,
    attempts: m.attempts.map((a) => ({ mode: a.mode, result: a.result, count: a.count })),
    refusals: m.refusals.map((r) => ({ code: r.code, count: r.count })),
    phases: m.phases.map((p) => ({ phase: p.phase, count: p.count, avg_ms: p.avgMs })),
  };
}

function consoleTable(sessions: readonly SessionView[], max: number): string {
  const named = sessions.filter((s) => !s.isDefaultConsole).length;
  let text = `\nConnected Consoles: ${sessions.length} (named ${named} of Maximum Console Connections ${max})\n`;
  text += ` ${'Id'.padStart(5)}  ${'Console'.padEnd(20)} ${'User'.padEnd(16)} ${'Address'.padEnd(39)} ${'Since'.padEnd(15)} Encryption\n`;
  for (const s of sessions) {
    text += ` ${String(s.id).padStart(5)}  ${s.consoleName.padEnd(20)} ${(s.userName ?? '-').padEnd(16)} ${s.remoteAddress.padEnd(39)} ${shortDateTime(s.connectedAt).padEnd(15)} ${s.encryption ?? 'none'}\n`;
  }
  return `${text}====\n`;
}

function consoleJson(s: SessionView): JsonObject {
  return {
    id: s.id,
    console: s.consoleName,
    user: s.userName ?? '',
    address: s.remoteAddress,
    connected: shortDateTime(s.connectedAt),
    encryption: s.encryption ?? '',
  };
}
