/**
 * `.api [0|off|1|on|2|json] [compact=yes|no]` (reference §7.4). `.api` alone means 1. `compact=` is
 * only read as the third word; otherwise the previous compact setting stays. The reply is written
 * by the session in the new mode (CMD_OK, then `api: 1` or the JSON, then MAIN_PROMPT).
 */
import type { ApiMode } from '../../src/format/output.ts';
import type { Command } from './types.ts';

export function parseApiMode(word: string | undefined): ApiMode | undefined {
  switch ((word ?? '1').toLowerCase()) {
    case '0':
    case 'off':
      return 0;
    case '1':
    case 'on':
      return 1;
    case '2':
    case 'json':
      return 2;
    default:
      return undefined;
  }
}

export const apiCommand: Command = {
  name: '.api',
  description: 'Switch the api mode: 0 plain, 1 signals, 2 JSON',
  usage: '[ 0 | 1 | 2 | off | on | json ] [compact=<yes|no>]',
  run(ctx) {
    const mode = parseApiMode(ctx.args.list[1]?.keyword);
    if (mode === undefined) {
      ctx.out.error(`.api: unknown mode "${ctx.args.list[1]?.keyword ?? ''}"; use 0, 1 or 2.\n`);
      return false;
    }
    const third = ctx.args.list[2];
    let compact: boolean | undefined;
    if (third && third.keyword.toLowerCase() === 'compact') compact = (third.value ?? '').toLowerCase() === 'yes';
    ctx.control.setApi(mode, compact);
    return true;
  },
};
