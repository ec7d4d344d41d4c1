import { describe, expect, it } from 'vitest';
import { BconsoleSelectionError, parseBconsoleConfigText, selectDirector } from '../../src/config/index.ts';
import { configErrorOf } from './helpers.ts';

const two = parseBconsoleConfigText('Director { Name = a; Address = h1; Password = p }\nDirector { Name = b; Address = h2; Password = q }');

describe('Director choice', () => {
  it('by name, or the only one', () => {
    expect(selectDirector(two, 'b').address).toBe('h2');
    expect(selectDirector(parseBconsoleConfigText('Director { Name = x; Address = h }')).name).toBe('x');
  });

  it('several without a name, an unknown name, or none are typed errors', () => {
    const choice = configErrorOf(() => selectDirector(two));
    expect(choice).toBeInstanceOf(BconsoleSelectionError);
    expect(choice.code).toBe('ERR_BCONSOLE_DIRECTOR_CHOICE');
    expect(configErrorOf(() => selectDirector(two, 'c')).code).toBe('ERR_BCONSOLE_UNKNOWN_DIRECTOR');
    expect(configErrorOf(() => selectDirector(parseBconsoleConfigText('Console { Name = c; Password = p }'))).code).toBe('ERR_BCONSOLE_NO_DIRECTOR');
  });

  it('Address is required; unknown directives are warnings', () => {
    const err = configErrorOf(() => parseBconsoleConfigText('Director {\n  Name = a\n}', 'bconsole.conf'));
    expect([err.code, err.line]).toEqual(['ERR_CONFIG_MISSING_DIRECTIVE', 1]);
    const config = parseBconsoleConfigText('Director { Name = a; Address = h; Colour = red; TLS Cipher List = HIGH }');
    expect(config.warnings.map((w) => w.code)).toEqual(['W_UNKNOWN_DIRECTIVE']);
    expect(config.directors[0]?.extras.map((e) => e.key)).toEqual(['TLS Cipher List']);
  });
});
