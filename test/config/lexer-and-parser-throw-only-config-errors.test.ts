import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ConfigError, parseConfigText, parseDirectorConfigText, tokenize } from '../../src/config/index.ts';

/** Input built from the characters that matter to the grammar, so the fuzzer reaches deep states quickly. */
const grammarish = fc.array(
  fc.constantFrom('Director', 'Name', ' = ', '=', '{', '}', ';', ',', '\n', '"', '\\', '#', '//', '/', '@', '@|', ' ', 'x', '!', '*all*', '\u0000', '\r\n', 'Job ACL', 'yes'),
  { maxLength: 60 },
).map((parts) => parts.join(''));

function onlyConfigErrors(run: () => unknown): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    if (typeof err.code !== 'string' || !err.code.startsWith('ERR_')) throw new Error(`bad code ${String(err.code)}`);
  }
}

describe('fuzzing', () => {
  it('tokenize throws nothing but ConfigError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => onlyConfigErrors(() => tokenize(s, 'f'))), { numRuns: 300 });
  });

  it('the parser and model throw nothing but ConfigError on grammar-shaped input', () => {
    // Includes point into a directory that does not exist, so they fail as ConfigIncludeError.
    const file = '/nonexistent-tsbareos-fuzz/dir.conf';
    fc.assert(fc.property(grammarish, (s) => {
      onlyConfigErrors(() => parseConfigText(s, file));
      onlyConfigErrors(() => parseDirectorConfigText(s, file));
    }), { numRuns: 400 });
  });
});
