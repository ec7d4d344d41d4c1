/** Commands about the session itself: version, whoami, time, quit, the no-op and display toggles. */
import { BAREOS_BUILD_DATE, BAREOS_PROTOCOL_VERSION, TSBAREOS_VERSION } from '../../src/version.ts';
import { osInfo } from './os-info.ts';
import { longDateTime } from './time-format.ts';
import type { Command, CommandContext } from './types.ts';

export const versionCommand: Command = {
  name: 'version',
  description: 'Print the director version',
  usage: '',
  run(ctx) {
    const os = osInfo();
    const name = ctx.director.config.director.name;
    const custom = ctx.director.config.director.verId ?? `tsbareos ${TSBAREOS_VERSION}`;
    ctx.out.send(`${name} Version: ${BAREOS_PROTOCOL_VERSION} (${BAREOS_BUILD_DATE}) ${os.operatingSystem} ${os.distName} ${os.distVersion} ${custom}\n`);
    ctx.out.setResult('version', {
      name,
      type: 'bareos-director',
      version: BAREOS_PROTOCOL_VERSION,
      bdate: BAREOS_BUILD_DATE,
      operatingsystem: os.operatingSystem,
      distname: os.distName,
      distversion: os.distVersion,
      customversionid: custom,
    });
    return true;
  },
};

/** Who the session acts as: the PAM user, the named console, or `root` for the default console. */
export function sessionIdentity(ctx: CommandContext): string {
  if (ctx.session.userName) return ctx.session.userName;
  return ctx.session.isDefaultConsole ? 'root' : ctx.session.consoleName;
}

export const whoamiCommand: Command = {
  name: 'whoami',
  description: 'Print the user name this console acts as',
  usage: '',
  aclExempt: true,
  run(ctx) {
    const who = sessionIdentity(ctx);
    ctx.out.send(`${who}\n`);
    ctx.out.setResult('whoami', who);
    return true;
  },
};

export const timeCommand: Command = {
  name: 'time',
  description: 'Print the current time',
  usage: '',
  run(ctx) {
    const now = new Date();
    ctx.out.send(`${longDateTime(now)}\n`);
    ctx.out.setResult('time', {
      full: longDateTime(now),
      year: now.getFullYear(),
      month: now.getMonth() + 1,
      day: now.getDate(),
      hour: now.getHours(),
      minute: now.getMinutes(),
      second: now.getSeconds(),
    });
    return true;
  },
};

function quitLike(name: string, description: string): Command {
  return {
    name,
    description,
    usage: '',
    aclExempt: true,
    run(ctx) {
      ctx.control.endSession();
      return true;
    },
  };
}

export const quitCommand = quitLike('quit', 'Close this console session');
export const exitCommand = quitLike('exit', 'Close this console session');
export const dotQuitCommand = quitLike('.quit', 'Close this console session');

export const noopCommand: Command = {
  name: '.',
  description: 'Do nothing (keep-alive)',
  usage: '',
  run: () => true,
};

/** `autodisplay on|off` and `gui on|off`: accepted and remembered (python-bareos sends autodisplay off). */
function toggle(name: string, description: string): Command {
  return {
    name,
    description,
    usage: 'on | off',
    run(ctx) {
      const word = ctx.args.rest[0]?.keyword.toLowerCase();
      if (word !== 'on' && word !== 'off') {
        ctx.out.error('ON or OFF keyword missing.\n');
        return false;
      }
      ctx.control.settings.set(name, word);
      return true;
    },
  };
}

export const autodisplayCommand = toggle('autodisplay', 'Show job messages as they arrive');
export const guiCommand = toggle('gui', 'Switch GUI-friendly output on or off');

/** This director runs no jobs, so there are never job messages waiting. */
export const messagesCommand: Command = {
  name: 'messages',
  description: 'Show pending job messages',
  usage: '',
  run(ctx) {
    ctx.out.send('You have no messages.\n');
    return true;
  },
};

export const dotMessagesCommand: Command = { ...messagesCommand, name: '.messages' };
