/** Every key binding, in one table: the F1 overlay and docs/console.md are made from it. */
export interface Binding {
  readonly keys: string;
  readonly action: string;
}

export const LOGIN_KEYS: readonly Binding[] = [
  { keys: 'Up / Down', action: 'choose a director (when the config has several)' },
  { keys: 'Enter', action: 'connect / submit the field / try again after an error' },
  { keys: 'Esc', action: 'abandon the login and go back to the director list' },
  { keys: 'Ctrl-C', action: 'quit' },
];

export const MAIN_KEYS: readonly Binding[] = [
  { keys: 'Enter', action: 'run the command (or answer the director\'s question)' },
  { keys: 'Up / Down', action: 'previous / next command from history' },
  { keys: 'Tab', action: 'complete command, keyword, or value after job= client= pool= ...' },
  { keys: 'Left / Right, Home / End', action: 'move in the command line (also Ctrl-A / Ctrl-E)' },
  { keys: 'Ctrl-U / Ctrl-K / Ctrl-W', action: 'delete before cursor / after cursor / word before' },
  { keys: 'PgUp / PgDn', action: 'scroll the output one page' },
  { keys: 'Mouse wheel', action: 'scroll the output three lines' },
  { keys: 'Esc', action: 'back to the newest output; leave search' },
  { keys: '/', action: 'search the output (on an empty line); Enter or Up: older match, Down: newer' },
  { keys: 'Ctrl-C', action: 'cancel the running command (reconnects) / answer "." at a question / clear the line' },
  { keys: 'Ctrl-D', action: 'quit (on an empty line); so do quit and exit' },
  { keys: 'F1', action: 'show the list of keys (any key closes it)' },
  { keys: 'F2', action: 'JSON mode on/off: run commands in api 2 and show lists as tables' },
  { keys: 'json <command>', action: 'run one command in api 2 and show its lists as tables' },
  { keys: 'F5', action: 'log in again (after a lost connection)' },
  { keys: 'Ctrl-L', action: 'clear the output pane' },
];

export function bindingLines(bindings: readonly Binding[]): string[] {
  const width = Math.max(...bindings.map((b) => b.keys.length));
  return bindings.map((b) => `${b.keys.padEnd(width)}  ${b.action}`);
}
