/**
 * `help` for people and `.help` for programs. bareos-webui reads `.help` in api 2 to learn which
 * commands the user may run: an object keyed by command name with command, description,
 * arguments and permission (reference §7.7), and refuses the login if `.help` itself is denied.
 */
import type { JsonObject } from '../../src/format/output.ts';
import type { Command, CommandContext } from './types.ts';

function permitted(ctx: CommandContext, command: Command): boolean {
  return command.aclExempt === true || ctx.session.acl.allows('command', command.name);
}

function commands(ctx: CommandContext): readonly Command[] {
  return [...ctx.director.commands()].sort((a, b) => a.name.localeCompare(b.name));
}

export const dotHelpCommand: Command = {
  name: '.help',
  description: 'List commands with their arguments, machine-readable',
  usage: '[ all ] [ item=<command> ]',
  run(ctx) {
    const item = ctx.args.value('item');
    const list = item === undefined ? commands(ctx) : commands(ctx).filter((c) => c.name === item.toLowerCase());
    if (item !== undefined && list.length === 0) {
      ctx.out.error(`Command "${item}" not found.\n`);
      return false;
    }
    for (const c of list) {
      ctx.out.send(`${c.name} ${c.description} -- ${c.usage}\n`);
      const entry: JsonObject = { command: c.name, description: c.description, arguments: c.usage, permission: permitted(ctx, c) };
      ctx.out.setResult(c.name, entry);
    }
    return true;
  },
};

export const helpCommand: Command = {
  name: 'help',
  description: 'Print help on commands',
  usage: '[ <command> ]',
  run(ctx) {
    const word = ctx.args.rest[0]?.keyword.toLowerCase();
    const visible = commands(ctx).filter((c) => !c.name.startsWith('.') && permitted(ctx, c));
    if (word) {
      const c = visible.find((x) => x.name === word);
      if (!c) {
        ctx.out.error(`Can't find ${word} command.\n`);
        return false;
      }
      ctx.out.send(`  Command       Description\n  =======       ===========\n  ${c.name.padEnd(13)} ${c.description}\n\nArguments:\n\t${c.usage || '(none)'}\n`);
      ctx.out.setResult(c.name, { command: c.name, description: c.description, arguments: c.usage, permission: true });
      return true;
    }
    let text = '  Command       Description\n  =======       ===========\n';
    for (const c of visible) {
      text += `  ${c.name.padEnd(13)} ${c.description}\n`;
      ctx.out.setResult(c.name, { command: c.name, description: c.description, arguments: c.usage, permission: true });
    }
    text += '\nWhen at a prompt, entering a period cancels the command.\n';
    ctx.out.send(text);
    return true;
  },
};
