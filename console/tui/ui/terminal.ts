/**
 * The only file that touches blessed. Its types are loose (events as `any`, options bags), so the
 * rest of the console sees a small typed surface: panes with tagged text, keys, wheel, resize.
 */
import blessed from 'blessed';

export interface KeyEvent {
  /** blessed's name: `a`, `enter`, `tab`, `up`, `pageup`, `f1`, `escape`, ... */
  readonly name: string;
  /** The printable character typed, if any. */
  readonly ch: string | undefined;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  /** e.g. `C-c`, `S-tab`, `M-x`. */
  readonly full: string;
}

export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

export interface Pane {
  /** Text with blessed tags (`{bold}`...); use escapeTags for anything from outside. */
  setContent(text: string): void;
  place(rect: Rect): void;
  setVisible(visible: boolean): void;
}

export type PaneStyle = 'plain' | 'bar' | 'overlay';

/** Braces are tag delimiters in blessed: director output must not be able to style the screen. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
}

export class Terminal {
  private readonly screen: blessed.Widgets.Screen;

  constructor(title: string) {
    this.screen = blessed.screen({ smartCSR: true, fullUnicode: true, title, autoPadding: false, warnings: false, dockBorders: false });
    this.screen.program.hideCursor();
  }

  get cols(): number {
    return Number(this.screen.width);
  }

  get rows(): number {
    return Number(this.screen.height);
  }

  pane(style: PaneStyle = 'plain'): Pane {
    const box = blessed.box({
      parent: this.screen,
      tags: true,
      wrap: false,
      top: 0,
      left: 0,
      width: 1,
      height: 1,
      ...(style === 'bar' ? { style: { fg: 'black', bg: 'cyan' } } : {}),
      ...(style === 'overlay' ? { style: { fg: 'white', bg: 'blue' }, hidden: true } : {}),
    });
    return {
      setContent: (text) => box.setContent(text),
      place: (rect) => {
        box.top = rect.top;
        box.left = rect.left;
        box.width = Math.max(1, rect.width);
        box.height = Math.max(1, rect.height);
      },
      setVisible: (visible) => {
        if (visible) {
          box.show();
          box.setFront();
        } else {
          box.hide();
        }
      },
    };
  }

  onKey(handler: (key: KeyEvent) => void): void {
    this.screen.on('keypress', (ch: unknown, key: blessed.Widgets.Events.IKeyEventArg | undefined) => {
      const typed = typeof ch === 'string' && ch.length > 0 && !/[\x00-\x1f\x7f]/.test(ch) ? ch : undefined;
      const name = key?.name ?? typed ?? '';
      handler({
        name,
        ch: key?.ctrl || key?.meta ? undefined : typed,
        ctrl: key?.ctrl ?? false,
        meta: key?.meta ?? false,
        shift: key?.shift ?? false,
        full: key?.full ?? name,
      });
    });
  }

  /** Mouse wheel: -1 up, +1 down. */
  onWheel(handler: (direction: -1 | 1) => void): void {
    this.screen.enableMouse();
    // blessed reports wheel actions that its type declarations do not list.
    this.screen.on('mouse', (data: { readonly action: string }) => {
      if (data.action === 'wheelup') handler(-1);
      if (data.action === 'wheeldown') handler(1);
    });
  }

  onResize(handler: () => void): void {
    this.screen.on('resize', handler);
  }

  render(): void {
    this.screen.render();
  }

  destroy(): void {
    this.screen.program.showCursor();
    this.screen.destroy();
  }
}
