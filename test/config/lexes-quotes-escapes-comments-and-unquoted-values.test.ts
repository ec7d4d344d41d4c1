import { describe, expect, it } from 'vitest';
import { parseConfigText, tokenize } from '../../src/config/index.ts';

function values(body: string): { items: readonly string[]; raw: string }[] {
  const [resource] = parseConfigText(`Thing {\n${body}\n}`, 't.conf').resources;
  return (resource?.body ?? []).map((d) => (d.value.kind === 'scalar' ? { items: d.value.items, raw: d.value.raw } : { items: [], raw: '{block}' }));
}

describe('lexing values', () => {
  it('unquoted values run to end of line, `;` or `}` and keep inner spaces', () => {
    expect(values('Run = Full 1st sat at 21:00\nA = b c ; C = d').map((v) => v.items)).toEqual([
      ['Full 1st sat at 21:00'], ['b c'], ['d'],
    ]);
    const [one] = parseConfigText('Thing { X = d e}', 't.conf').resources;
    expect(one?.body[0]?.value).toMatchObject({ items: ['d e'], raw: 'd e' });
  });

  it('values may contain `=` (Messages destinations, Run overrides)', () => {
    expect(values('mail = root@localhost = all, !skipped\nRun = Level=Full Pool=Weekly sun at 23:05')).toEqual([
      { items: ['root@localhost = all', '!skipped'], raw: 'root@localhost = all, !skipped' },
      { items: ['Level=Full Pool=Weekly sun at 23:05'], raw: 'Level=Full Pool=Weekly sun at 23:05' },
    ]);
  });

  it('quoted strings keep `#`, `//`, `;`, `,`, braces; backslash escapes the next character', () => {
    const [v] = values(String.raw`Cmd = "a # b // c; d, {e} \"q\" \\ \(x\)"`);
    expect(v?.items).toEqual([String.raw`a # b // c; d, {e} "q" \ (x)`]);
    expect(v?.raw).toBe(String.raw`"a # b // c; d, {e} \"q\" \\ \(x\)"`);
  });

  it('`#` anywhere and `//` after whitespace start comments; `//` inside a word does not', () => {
    expect(values('A = x # c\nB = y // c\nC = /var//lib\nD = http://host/\n// whole line\n# whole line').map((v) => v.items)).toEqual([
      ['x'], ['y'], ['/var//lib'], ['http://host/'],
    ]);
  });

  it('a list continues on the next line after a trailing comma', () => {
    expect(values('Command ACL = status,\n   .status,\n   list').map((v) => v.items)).toEqual([['status', '.status', 'list']]);
  });

  it('adjacent quoted and unquoted parts form one entry', () => {
    expect(values('append = "/var/log/bareos.log" = all, !skipped').map((v) => v.items)).toEqual([
      ['/var/log/bareos.log = all', '!skipped'],
    ]);
  });

  it('tokens carry 1-based positions; a BOM and CRLF line ends are accepted', () => {
    const toks = tokenize('\ufeffA {\r\n  B = c\r\n}', 'f');
    expect(toks.map((t) => [t.kind, t.text, t.pos.line, t.pos.column])).toEqual([
      ['word', 'A', 1, 1], ['lbrace', '{', 1, 3], ['newline', '\n', 1, 5],
      ['word', 'B', 2, 3], ['equals', '=', 2, 5], ['word', 'c', 2, 7], ['newline', '\n', 2, 9],
      ['rbrace', '}', 3, 1], ['eof', '', 3, 2],
    ]);
  });
});
