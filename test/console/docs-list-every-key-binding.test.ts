import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOGIN_KEYS, MAIN_KEYS } from '../../console/tui/ui/keys.ts';

describe('docs/console.md', () => {
  const doc = readFileSync(new URL('../../docs/console.md', import.meta.url), 'utf8');

  it('lists every key binding the F1 overlay shows, with the same words', () => {
    for (const binding of [...MAIN_KEYS, ...LOGIN_KEYS]) {
      expect(doc).toContain(`| \`${binding.keys}\` | ${binding.action} |`);
    }
  });
});
