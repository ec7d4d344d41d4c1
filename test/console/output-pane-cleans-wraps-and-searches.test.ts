import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, OutputBuffer, sanitize } from '../../console/tui/model/output.ts';

describe('output pane buffer', () => {
  it('joins chunks that are not line-aligned', () => {
    const out = new OutputBuffer();
    out.append('first li');
    out.append('ne\nsecond\nthi');
    out.append('rd\n');
    expect(out.text()).toBe('first line\nsecond\nthird');
    expect(out.openLine).toBe('');
    out.append('Select a client (1-3): ');
    expect(out.openLine).toBe('Select a client (1-3): ');
  });

  it('never lets escape sequences or control bytes through, and shows non-UTF-8 bytes as U+FFFD', () => {
    expect(sanitize('\x1b[2J\x1b]0;title\x07red\x1b[31m!\x1b[0m\ttab\x07bell\r\n')).toBe('red!    tab\ufffdbell\n');
    const decoder = new StringDecoder('utf8');
    const text = decoder.write(Buffer.from([0x41, 0xff, 0xfe, 0x42, 0x0a]));
    const out = new OutputBuffer();
    out.append(text);
    expect(out.text()).toBe('A\ufffd\ufffdB');
  });

  it('cuts a huge line into pieces and wraps rows to the pane width', () => {
    const out = new OutputBuffer();
    out.append(`${'x'.repeat(MAX_LINE_CHARS * 2 + 10)}\nshort\n`);
    expect(out.lineCount).toBe(4);
    const rows = out.rows(100);
    expect(rows.length).toBe(Math.ceil(MAX_LINE_CHARS / 100) * 2 + 1 + 1);
    expect(out.rows(50).length).toBeGreaterThan(rows.length);
  });

  it('follows the end, keeps a scrolled view, and searches older and newer rows', () => {
    const out = new OutputBuffer();
    for (let i = 1; i <= 100; i++) out.append(`line ${i}${i === 20 ? ' needle' : ''}${i === 80 ? ' needle' : ''}\n`);
    expect(out.view(40, 10).rows[9]?.text).toBe('line 100');
    out.scroll(-25, 40, 10);
    expect(out.view(40, 10).top).toBe(65);
    out.append('line 101\n');
    expect(out.view(40, 10).top).toBe(65);
    expect(out.search('NEEDLE', true, 40, 10)).toBe(true);
    expect(out.view(40, 10).rows[0]?.text).toBe('line 20 needle');
    expect(out.search('needle', false, 40, 10)).toBe(true);
    expect(out.view(40, 10).rows[0]?.text).toBe('line 80 needle');
    expect(out.search('absent', true, 40, 10)).toBe(false);
    out.scrollToEnd();
    expect(out.view(40, 10).rows[9]?.text).toBe('line 101');
  });

  it('drops the oldest lines beyond its limit', () => {
    const out = new OutputBuffer(5);
    for (let i = 1; i <= 8; i++) out.append(`${i}\n`);
    expect(out.text()).toBe('4\n5\n6\n7\n8');
  });
});
