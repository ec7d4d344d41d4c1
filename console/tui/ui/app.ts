/**
 * The full-screen console: wires the login model and the session model to a Terminal. All decisions
 * live in the models; this file maps keys to model calls and model state to pane contents.
 */
import { connect, type DirectorClient, type PamOptions } from '../../../src/client/index.ts';
import { History, historyFile, loadHistory, saveHistory } from '../model/history.ts';
import { LineEditor } from '../model/line-editor.ts';
import { LoginModel, type LoginState } from '../model/login.ts';
import { SessionModel } from '../model/session.ts';
import type { DirectorTarget } from '../targets.ts';
import { LOGIN_KEYS, MAIN_KEYS, bindingLines } from './keys.ts';
import { Terminal, escapeTags, type KeyEvent, type Pane } from './terminal.ts';
import { fieldText, loginText, outputText, statusText } from './views.ts';

export interface AppOptions {
  readonly targets: readonly DirectorTarget[];
  readonly pamUser?: string;
  /** Where the history lives ($XDG_DATA_HOME, $HOME). */
  readonly env?: NodeJS.ProcessEnv;
}

type Mode = 'login' | 'main' | 'search';

const REDRAW_MS = 30;

export class ConsoleApp {
  private readonly term = new Terminal('tsbareos console');
  private readonly login: LoginModel<DirectorClient>;
  private readonly editor = new LineEditor();
  private readonly panes: { login: Pane; output: Pane; hint: Pane; status: Pane; command: Pane; help: Pane };
  private session: SessionModel | undefined;
  /** The session's history, for Up/Down. */
  private historyOf: History | undefined;
  private target: DirectorTarget | undefined;
  private mode: Mode = 'login';
  private hint = '';
  private helpOpen = false;
  private redrawTimer: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private done: (code: number) => void = () => undefined;

  constructor(private readonly options: AppOptions) {
    this.login = new LoginModel<DirectorClient>({
      targets: options.targets,
      connect: (target, pam) => this.connectTo(target, pam),
      ...(options.pamUser !== undefined ? { pamUser: options.pamUser } : {}),
    });
    this.panes = {
      login: this.term.pane(),
      output: this.term.pane(),
      hint: this.term.pane(),
      status: this.term.pane('bar'),
      command: this.term.pane(),
      help: this.term.pane('overlay'),
    };
    this.term.onKey((key) => this.onKey(key));
    this.term.onWheel((direction) => this.scroll(direction * 3));
    this.term.onResize(() => this.draw());
    this.login.onChange((state) => this.onLoginState(state));
    // The running timer in the status bar.
    this.ticker = setInterval(() => {
      if (this.session?.state === 'running') this.scheduleDraw();
    }, 1000);
  }

  /** Resolves with the exit status when the user quits. */
  run(): Promise<number> {
    const finished = new Promise<number>((resolve) => {
      this.done = resolve;
    });
    this.login.start();
    this.draw();
    return finished;
  }

  private connectTo(target: DirectorTarget, pam: PamOptions): Promise<DirectorClient> {
    return connect({ ...target.options, pam });
  }

  private onLoginState(state: LoginState<DirectorClient>): void {
    this.editor.set('');
    if (state.kind === 'logged-in') {
      this.loggedIn(state.target, state.session);
    } else if (this.session && this.session.state === 'reconnecting') {
      // A reconnect: only a question for the user or a failure needs to leave the main screen.
      if (state.kind === 'failed') {
        this.session.reconnectFailed(`${state.failure.headline}: ${state.failure.reason}`);
        this.mode = 'main';
      } else if (state.kind === 'choosing') {
        this.session.reconnectFailed('login cancelled');
        this.mode = 'main';
      } else if (state.kind === 'pam-prompt' || state.kind === 'asking-password') {
        this.mode = 'login';
      }
    }
    this.draw();
  }

  private loggedIn(target: DirectorTarget, client: DirectorClient): void {
    const first = this.session === undefined;
    if (!this.session) {
      this.target = target;
      this.session = this.createSession(target);
    }
    this.mode = 'main';
    this.session.attach(client, first);
  }

  private createSession(target: DirectorTarget): SessionModel {
    const file = historyFile(target.label, this.options.env);
    let entries: string[] = [];
    let problem: string | undefined;
    try {
      entries = loadHistory(file);
    } catch (error) {
      problem = (error as Error).message;
    }
    const history = new History(entries);
    this.historyOf = history;
    const session: SessionModel = new SessionModel(history, {
      reconnect: () => this.login.reconnect(target),
      quit: () => void this.quit(0),
      changed: () => this.scheduleDraw(),
      historyChanged: (all) => {
        try {
          saveHistory(file, all);
        } catch (error) {
          session.notice((error as Error).message);
        }
      },
    });
    if (problem) session.notice(problem);
    return session;
  }

  // ---- keys

  private onKey(key: KeyEvent): void {
    if (this.helpOpen) {
      this.helpOpen = false;
      this.draw();
      return;
    }
    if (key.full === 'f1') {
      this.helpOpen = true;
      this.draw();
      return;
    }
    if (this.mode === 'login') this.onLoginKey(key);
    else if (this.mode === 'search') this.onSearchKey(key);
    else this.onMainKey(key);
    this.scheduleDraw();
  }

  private onLoginKey(key: KeyEvent): void {
    const state = this.login.state;
    if (key.full === 'C-c') {
      void this.quit(this.session ? 0 : 1);
      return;
    }
    if (key.name === 'escape') {
      this.login.cancel();
      return;
    }
    if (state.kind === 'choosing') {
      if (key.name === 'up') this.login.moveSelection(-1);
      if (key.name === 'down') this.login.moveSelection(1);
      if (key.name === 'enter') this.login.pick();
      return;
    }
    if (state.kind === 'failed') {
      if (key.name === 'enter') this.login.retry();
      return;
    }
    if (state.kind === 'pam-prompt' || state.kind === 'asking-password') {
      if (key.name === 'enter') this.login.submit(this.editor.take());
      else this.edit(key);
    }
  }

  private onMainKey(key: KeyEvent): void {
    const session = this.session;
    if (!session) return;
    this.hint = '';
    switch (key.full) {
      case 'C-c':
        if (session.state === 'running' || session.state === 'sub-prompt') session.cancel();
        else if (this.editor.value !== '') this.editor.set('');
        else this.hint = 'Ctrl-D or "quit" leaves the console';
        return;
      case 'C-d':
        if (this.editor.value === '' && session.state !== 'running') void this.quit(0);
        else this.editor.deleteForward();
        return;
      case 'enter':
        void session.submit(this.editor.take());
        return;
      case 'up':
        if (session.state !== 'sub-prompt') this.editor.set(this.sessionHistory().previous(this.editor.value));
        return;
      case 'down':
        if (session.state !== 'sub-prompt') this.editor.set(this.sessionHistory().next());
        return;
      case 'tab':
        void this.complete(session);
        return;
      case 'pageup':
        this.scroll(-(this.outputHeight() - 1));
        return;
      case 'pagedown':
        this.scroll(this.outputHeight() - 1);
        return;
      case 'escape':
        session.output.clearSearch();
        session.output.scrollToEnd();
        return;
      case 'f2':
        session.json = !session.json;
        this.hint = session.json ? 'JSON mode on: commands run in api 2, lists are shown as tables' : 'JSON mode off';
        return;
      case 'f5':
        session.requestReconnect();
        return;
      case 'C-l':
        session.output.clear();
        return;
    }
    if (key.ch === '/' && this.editor.value === '' && session.state !== 'sub-prompt') {
      this.mode = 'search';
      return;
    }
    this.edit(key);
  }

  private onSearchKey(key: KeyEvent): void {
    const output = this.session?.output;
    if (!output) return;
    const size = [this.outputWidth(), this.outputHeight()] as const;
    if (key.name === 'escape' || key.full === 'C-c') {
      this.mode = 'main';
      this.editor.set('');
      output.clearSearch();
      output.scrollToEnd();
      return;
    }
    if (key.name === 'enter' || key.name === 'up' || key.name === 'down') {
      const found = output.search(this.editor.value, key.name !== 'down', ...size);
      this.hint = found ? `search: Enter/Up older, Down newer, Esc done` : `"${this.editor.value}" not found ${key.name === 'down' ? 'below' : 'above'}`;
      return;
    }
    this.edit(key);
  }

  private sessionHistory(): History {
    return (this.historyOf ??= new History());
  }

  /** Line-editing keys shared by every field. */
  private edit(key: KeyEvent): void {
    switch (key.full) {
      case 'backspace':
        this.editor.backspace();
        return;
      case 'delete':
        this.editor.deleteForward();
        return;
      case 'left':
        this.editor.left();
        return;
      case 'right':
        this.editor.right();
        return;
      case 'home':
      case 'C-a':
        this.editor.home();
        return;
      case 'end':
      case 'C-e':
        this.editor.end();
        return;
      case 'C-u':
        this.editor.killBefore();
        return;
      case 'C-k':
        this.editor.killAfter();
        return;
      case 'C-w':
        this.editor.killWord();
        return;
    }
    if (key.ch !== undefined) this.editor.insert(key.ch);
  }

  private async complete(session: SessionModel): Promise<void> {
    const before = this.editor.value;
    const result = await session.complete(before);
    if (this.editor.value !== before) return;
    this.editor.set(result.line);
    this.hint = result.candidates.length > 0 ? result.candidates.slice(0, 60).join('  ') : '';
    this.scheduleDraw();
  }

  private scroll(rows: number): void {
    if (this.mode === 'login' || !this.session) return;
    this.session.output.scroll(rows, this.outputWidth(), this.outputHeight());
    this.scheduleDraw();
  }

  // ---- drawing

  private outputWidth(): number {
    return Math.max(1, this.term.cols);
  }

  /** Output pane: all rows but hint, status and command line. */
  private outputHeight(): number {
    return Math.max(1, this.term.rows - 3);
  }

  private scheduleDraw(): void {
    if (this.redrawTimer) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.draw();
    }, REDRAW_MS);
  }

  private draw(): void {
    const { cols, rows } = this.term;
    const inLogin = this.mode === 'login' || !this.session;
    this.panes.login.setVisible(inLogin);
    for (const pane of [this.panes.output, this.panes.hint, this.panes.status, this.panes.command]) pane.setVisible(!inLogin);
    if (inLogin) {
      this.panes.login.place({ top: 0, left: 0, width: cols, height: rows });
      this.panes.login.setContent(loginText(this.login.state, this.login.targets, this.editor, cols));
    } else {
      this.drawMain(cols);
    }
    this.drawHelp(cols, rows);
    this.term.render();
  }

  private drawMain(cols: number): void {
    const session = this.session;
    const target = this.target;
    if (!session || !target) return;
    const height = this.outputHeight();
    this.panes.output.place({ top: 0, left: 0, width: cols, height });
    this.panes.hint.place({ top: height, left: 0, width: cols, height: 1 });
    this.panes.status.place({ top: height + 1, left: 0, width: cols, height: 1 });
    this.panes.command.place({ top: height + 2, left: 0, width: cols, height: 1 });
    const view = session.output.view(cols, height);
    this.panes.output.setContent(outputText(view.rows, session.output.searchTerm));
    const scrolled = session.output.following ? '' : `  [line ${view.top + 1}/${view.total}, Esc: back to the end]`;
    this.panes.hint.setContent(`{gray-fg}${escapeTags((this.hint + scrolled).slice(0, cols))}{/gray-fg}`);
    this.panes.status.setContent(statusText(session, target, cols));
    const prompt = this.mode === 'search' ? '/' : session.state === 'sub-prompt' ? session.subPrompt : '*';
    this.panes.command.setContent(`{bold}${escapeTags(prompt)}{/bold}${fieldText(this.editor, cols - prompt.length, false)}`);
  }

  private drawHelp(cols: number, rows: number): void {
    this.panes.help.setVisible(this.helpOpen);
    if (!this.helpOpen) return;
    // Binding texts contain no braces, so they need no escaping.
    const lines = ['{bold}Keys{/bold} (any key closes this)', '', '{bold}Main screen{/bold}', ...bindingLines(MAIN_KEYS), '', '{bold}Login screen{/bold}', ...bindingLines(LOGIN_KEYS)];
    const inner = Math.min(cols - 4, Math.max(...lines.map((l) => l.replace(/\{\/?bold\}/g, '').length)));
    const width = inner + 4;
    const height = Math.min(rows, lines.length + 2);
    this.panes.help.place({ top: Math.max(0, Math.floor((rows - height) / 2)), left: Math.max(0, Math.floor((cols - width) / 2)), width, height });
    // ASCII frame: blessed swaps box-drawing characters for the terminal's line-drawing charset when
    // it is unsure of UTF-8, and some terminals (and tmux captures) then show letters.
    const framed = lines.map((l) => {
      const plain = l.replace(/\{\/?bold\}/g, '');
      const text = plain.length > inner ? escapeTags(plain.slice(0, inner)) : l;
      return `| ${text}${' '.repeat(Math.max(0, inner - plain.length))} |`;
    });
    this.panes.help.setContent([`+${'-'.repeat(inner + 2)}+`, ...framed, `+${'-'.repeat(inner + 2)}+`].join('\n'));
  }

  private async quit(code: number): Promise<void> {
    clearInterval(this.ticker);
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.term.destroy();
    const client = this.session?.connection;
    if (client && !client.closed) await client.close().catch(() => undefined);
    this.done(code);
  }
}
