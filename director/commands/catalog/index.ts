/** The catalog commands, for the director's registry. */
import type { Command } from '../types.ts';
import { defaultsCommand, jobstatusCommand } from './dot.ts';
import { listCommands } from './list.ts';

export { statusClient } from './status-client.ts';

export const catalogCommands: Command[] = [...listCommands, jobstatusCommand, defaultsCommand];
