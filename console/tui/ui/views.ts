/**
 * Pure text for each part of the screen, from the view-models. Kept apart from blessed so the
 * layout is readable in one place and can be checked without a terminal.
 */
import type { TlsMode } from '../../../src/client/index.ts';
import type { Closable, LoginState, PamField } from '../model/login.ts';
import type { LineEditor } from '../model/line-editor.ts';
import type { Row } from '../model/output.ts';
import type { SessionModel } from '../model/session.ts';
import { describeConsole, type DirectorTarget } from '../targets.ts';
import { escapeTags } from './terminal.ts';

export function tlsLabel(mode: TlsMode | undefined): string {
  if (mode === 'cert') return 'TLS with certificates';
  if (mode === 'off') return 'cleartext (no TLS)';
  return 'TLS-PSK';
}

function targetLines(target: DirectorTarget): string[] {
  const { host, port } = target.options;
  return [
    `  Director  {bold}${escapeTags(target.label)}{/bold}  ${escapeTags(`${host}:${port ?? 9101}`)}  ${tlsLabel(target.options.tls)}`,
    `  Console   ${escapeTags(describeConsole(target.consoleName))}`,
  ];
}

/** The editor as a field: hidden fields show nothing at all (not even the length). */
export function fieldText(editor: LineEditor, width: number, hidden: boolean): string {
  const { text, cursor } = editor.visible(Math.max(1, width - 1), hidden);
  const at = text[cursor] ?? ' ';
  return `${escapeTags(text.slice(0, cursor))}{inverse}${escapeTags(at)}{/inverse}${escapeTags(text.slice(cursor + 1))}`;
}

function promptLines(field: PamField, editor: LineEditor, width: number): string[] {
  const lines = field.info.map((line) => `  {cyan-fg}${escapeTags(line)}{/cyan-fg}`);
  const label = field.label === '' ? '>' : field.label;
  lines.push(`  ${escapeTags(label)}${label.endsWith(' ') ? '' : ' '}${fieldText(editor, width - label.length - 4, field.hidden)}`);
  if (field.hidden) lines.push('  {gray-fg}(what you type is not shown){/gray-fg}');
  return lines;
}

export function loginText<S extends Closable>(state: LoginState<S>, targets: readonly DirectorTarget[], editor: LineEditor, width: number): string {
  const lines = ['', '  {bold}tsbareos console{/bold}  log in', ''];
  switch (state.kind) {
    case 'choosing':
      lines.push('  Choose a director (Up/Down, Enter):', '');
      targets.forEach((t, i) => {
        const mark = i === state.selected ? '{inverse}>' : ' ';
        lines.push(`  ${mark} ${escapeTags(t.label)}  ${escapeTags(`${t.options.host}:${t.options.port ?? 9101}`)}  ${escapeTags(describeConsole(t.consoleName))}${i === state.selected ? '{/inverse}' : ''}`);
      });
      break;
    case 'asking-password':
      lines.push(...targetLines(state.target), `  PAM user  ${escapeTags(state.user)}`, '');
      lines.push(`  PAM password for ${escapeTags(state.user)}: ${fieldText(editor, width - state.user.length - 24, true)}`, '  {gray-fg}(what you type is not shown){/gray-fg}');
      break;
    case 'connecting':
      lines.push(...targetLines(state.target), '', state.rounds === 0 ? '  Connecting...' : '  Checking your answer...');
      break;
    case 'pam-prompt':
      lines.push(...targetLines(state.target), '', `  {bold}PAM login{/bold} (step ${state.field.round})`, ...promptLines(state.field, editor, width));
      break;
    case 'failed':
      lines.push(...targetLines(state.target), '', `  {red-fg}{bold}${escapeTags(state.failure.headline)}{/bold}{/red-fg}`);
      lines.push(`  ${escapeTags(state.failure.reason)}`, '', '  Enter: try again   Esc: choose a director   Ctrl-C: quit');
      break;
    case 'logged-in':
      lines.push(...targetLines(state.target), '', '  Logged in.');
      break;
  }
  return lines.join('\n');
}

function highlight(text: string, term: string | undefined): string {
  if (!term) return escapeTags(text);
  const lower = text.toLowerCase();
  const needle = term.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    out += `${escapeTags(text.slice(from, at))}{yellow-bg}{black-fg}${escapeTags(text.slice(at, at + needle.length))}{/black-fg}{/yellow-bg}`;
    from = at + needle.length;
  }
  return out + escapeTags(text.slice(from));
}

export function outputText(rows: readonly Row[], term: string | undefined): string {
  return rows
    .map((row) => {
      const text = highlight(row.text, term);
      if (row.kind === 'command') return `{bold}${text}{/bold}`;
      if (row.kind === 'error') return `{red-fg}${text}{/red-fg}`;
      if (row.kind === 'info') return `{cyan-fg}${text}{/cyan-fg}`;
      return text;
    })
    .join('\n');
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms / 1000)} s`;
}

export function stateLabel(session: SessionModel, now = Date.now()): string {
  switch (session.state) {
    case 'idle':
      return 'connected';
    case 'running':
      return `running ${Math.floor((session.runningFor(now) ?? 0) / 1000)} s (Ctrl-C cancels)`;
    case 'sub-prompt':
      return 'director asks';
    case 'reconnecting':
      return 'reconnecting...';
    case 'disconnected':
      return 'DISCONNECTED (F5)';
  }
}

export function statusText(session: SessionModel, target: DirectorTarget, width: number): string {
  const client = session.connection;
  const encryption = client && !client.closed ? client.encryption : undefined;
  const tls = encryption ? `${encryption.protocol} ${encryption.cipher}` : target.options.tls === 'off' && client && !client.closed ? 'cleartext' : '-';
  const last = session.lastCommand;
  const parts = [
    ` ${client?.directorName ?? target.label}`,
    `user ${client?.loggedInAs ?? target.consoleName}`,
    tls,
    stateLabel(session),
    last ? `last: ${last.command.slice(0, 24)} ${seconds(last.ms)}${last.ok ? '' : ' failed'}` : 'last: -',
    session.json ? 'JSON' : '',
    'F1 help',
  ].filter((p) => p !== '');
  const line = parts.join(' | ');
  return escapeTags(line.length > width ? line.slice(0, width) : line.padEnd(width));
}
