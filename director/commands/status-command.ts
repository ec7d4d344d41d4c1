/**
 * `status [director|dir|client=NAME|...]`. The director part follows the shape of Bareos' report
 * (golden/plain/status_director.txt) and adds what an operator of logins wants: who is connected,
 * from where, since when, over what, and the login counters.
 */
import { BAREOS_BUILD_DATE, BAREOS_PROTOCOL_VERSION } from '../../src/version.ts';
import type { JsonObject } from '../../src/format/output.ts';
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
  return true;
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
