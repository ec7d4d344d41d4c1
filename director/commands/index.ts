/**
 * The command table in lookup order: prefix matching picks the first hit, so the order decides what
 * an abbreviation means (`q` quit, `st` status, `l` list), as in Bareos.
 */
import { catalogCommands, statusClient } from './catalog/index.ts';
import { apiCommand } from './api-command.ts';
import { reloadCommand, showCommand, useCommand } from './config-commands.ts';
import { dotHelpCommand, helpCommand } from './help-commands.ts';
import { CommandRegistry } from './registry.ts';
import { levelsCommand, resourceListCommands, typesCommand } from './resource-lists.ts';
import {
  autodisplayCommand,
  dotMessagesCommand,
  dotQuitCommand,
  exitCommand,
  guiCommand,
  messagesCommand,
  noopCommand,
  quitCommand,
  timeCommand,
  versionCommand,
  whoamiCommand,
} from './session-commands.ts';
import { createStatusCommand } from './status-command.ts';
import type { Command } from './types.ts';
import type { DirectorLoginTokens } from '../login/tokens.ts';
import { withLoginTokenCommands } from './token-command.ts';

/** `loginTokens` (issue 8) adds `.logintoken`/`.logout` and makes quit revoke the session's tokens. */
export function createRegistry(loginTokens?: DirectorLoginTokens): CommandRegistry {
  const byName = new Map<string, Command>();
  for (const c of catalogCommands) byName.set(c.name, c);
  const ordered: Command[] = [
    autodisplayCommand,
    exitCommand,
    guiCommand,
    helpCommand,
    ...catalogCommands.filter((c) => !c.name.startsWith('.')),
    messagesCommand,
    quitCommand,
    reloadCommand,
    createStatusCommand(statusClient),
    showCommand,
    timeCommand,
    useCommand,
    versionCommand,
    whoamiCommand,
    noopCommand,
    apiCommand,
    dotHelpCommand,
    ...resourceListCommands,
    levelsCommand,
    typesCommand,
    dotMessagesCommand,
    dotQuitCommand,
    ...catalogCommands.filter((c) => c.name.startsWith('.')),
  ];
  return new CommandRegistry(withLoginTokenCommands(ordered, loginTokens));
}
