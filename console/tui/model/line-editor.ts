/** A one-line editor (the command line and the login fields): text, cursor, and Emacs-style edits. */
export class LineEditor {
  private text = '';
  private cursor = 0;

  get value(): string {
    return this.text;
  }

  get position(): number {
    return this.cursor;
  }

  set(text: string): void {
    this.text = text.replace(/[\r\n]/g, ' ');
    this.cursor = this.text.length;
  }

  /** Returns the text and empties the editor. */
  take(): string {
    const text = this.text;
    this.set('');
    return text;
  }

  insert(chars: string): void {
    const clean = chars.replace(/[\x00-\x1f\x7f]/g, '');
    this.text = this.text.slice(0, this.cursor) + clean + this.text.slice(this.cursor);
    this.cursor += clean.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.text = this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor);
    this.cursor--;
  }

  deleteForward(): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
  }

  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.cursor = Math.min(this.text.length, this.cursor + 1);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.text.length;
  }

  /** Ctrl-U: delete before the cursor. */
  killBefore(): void {
    this.text = this.text.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl-K: delete from the cursor on. */
  killAfter(): void {
    this.text = this.text.slice(0, this.cursor);
  }

  /** Ctrl-W: delete the word before the cursor. */
  killWord(): void {
    const before = this.text.slice(0, this.cursor).replace(/\S+\s*$/, '');
    this.text = before + this.text.slice(this.cursor);
    this.cursor = before.length;
  }

  /** What fits in `width` columns, scrolled so the cursor is visible; hidden fields show nothing. */
  visible(width: number, hidden: boolean): { readonly text: string; readonly cursor: number } {
    if (hidden) return { text: '', cursor: 0 };
    if (width <= 1) return { text: '', cursor: 0 };
    const start = Math.max(0, this.cursor - width + 1);
    return { text: this.text.slice(start, start + width), cursor: this.cursor - start };
  }
}
