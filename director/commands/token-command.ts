/**
 * Login token commands, ours (issue 8; docs/tls.md §3):
 *   `.logintoken [ttl=SECONDS]`  a signed token for the PAM user of this session
 *   `.logout`                    revoke every token of this user issued so far, then end the session
 * and `quit`/`exit`/`.quit` wrapped so that they revoke the tokens this session obtained (or logged in
 * with) before ending it. Both are exempt from the Command ACL, like `quit`: they only ever concern
 * the session's own user; `Login Token Lifetime = 0` switches tokens off.
 */
import type { DirectorLoginTokens } from '../login/tokens.ts';
import { LoginTokenRefusedError } from '../login/tokens.ts';
import type { Command, CommandContext } from './types.ts';

const QUIT_COMMANDS = new Set(['quit', 'exit', '.quit']);

/** The command table with the token commands added and the quit commands revoking on the way out. */
export function withLoginTokenCommands(commands: readonly Command[], tokens: DirectorLoginTokens | undefined): Command[] {
  if (!tokens) return [...commands];
  const wrapped = commands.map((c) => (QUIT_COMMANDS.has(c.name) ? revokingQuit(c, tokens) : c));
  return [...wrapped, loginTokenCommand(tokens), logoutCommand(tokens)];
}

function loginTokenCommand(tokens: DirectorLoginTokens): Command {
  return {
    name: '.logintoken',
    description: 'Get a signed login token for this PAM user (tsbareos extension)',
    usage: '[ttl=<seconds>]',
    aclExempt: true,
    run(ctx) {
      const cap = ctx.director.config.director.loginTokenLifetime;
      const ttlText = ctx.args.value('ttl');
      const ttl = ttlText === undefined ? cap : /^\d{1,9}$/.test(ttlText) ? Number(ttlText) : Number.NaN;
      try {
        const issued = tokens.issueFor(ctx.session.loginHandle, ctx.session.userName, ttl, cap);
        ctx.out.send(`${issued.token}\n`);
        ctx.out.setResult('logintoken', { token: issued.token, expires: Math.floor(issued.expiresAt.getTime() / 1000) });
        return true;
      } catch (error) {
        if (!(error instanceof LoginTokenRefusedError)) throw error;
        ctx.out.error(`.logintoken: ${error.message}\n`);
        return false;
      }
    },
  };
}

function logoutCommand(tokens: DirectorLoginTokens): Command {
  return {
    name: '.logout',
    description: 'Revoke all login tokens of this user and close the session (tsbareos extension)',
    usage: '',
    aclExempt: true,
    run(ctx) {
      tokens.logout(ctx.session.loginHandle, ctx.session.userName, 'user');
      ctx.control.endSession();
      return true;
    },
  };
}

function revokingQuit(quit: Command, tokens: DirectorLoginTokens): Command {
  return {
    ...quit,
    run(ctx: CommandContext) {
      tokens.logout(ctx.session.loginHandle, ctx.session.userName, 'session');
      return quit.run(ctx);
    },
  };
}
