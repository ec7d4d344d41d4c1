/**
 * The command table. Lookup is a case-insensitive prefix match in table order, first hit wins, as
 * Bareos does (`q` -> quit, `st` -> status); an exact name always wins over a longer prefix match.
 */
import type { Command } from './types.ts';

export class CommandRegistry {
  private readonly commands: Command[] = [];

  constructor(commands: readonly Command[] = []) {
    for (const c of commands) this.add(c);
  }

  add(command: Command): void {
    if (this.commands.some((c) => c.name === command.name)) throw new Error(`command "${command.name}" registered twice`);
    this.commands.push(command);
  }

  all(): readonly Command[] {
    return this.commands;
  }

  lookup(word: string): Command | undefined {
    const wanted = word.toLowerCase();
    if (wanted === '') return undefined;
    const exact = this.commands.find((c) => c.name === wanted);
    if (exact) return exact;
    return this.commands.find((c) => c.name.startsWith(wanted));
  }
}
