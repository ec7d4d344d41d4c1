import { describe, expect, it } from 'vitest';
import { parseDirectorConfigText } from '../../src/config/index.ts';

describe('unknown directives', () => {
  it('real Bareos Director directives are extras without warnings', () => {
    const config = parseDirectorConfigText(`Director { Name = d; Password = p
  Working Directory = /var/lib/bareos; Heartbeat Interval = 1 min; Plugin Names = python3
  Optimize For Speed = yes; Enable kTLS = no; Key Encryption Key = "k"; Log Timestamp Format = "%F %T" }`);
    expect(config.warnings).toEqual([]);
    expect(config.director.extras.map((e) => e.key)).toEqual([
      'Working Directory', 'Heartbeat Interval', 'Plugin Names', 'Optimize For Speed', 'Enable kTLS', 'Key Encryption Key', 'Log Timestamp Format',
    ]);
  });

  it('a directive nobody defines is kept and warned about with its position', () => {
    const config = parseDirectorConfigText('Director { Name = d; Password = p\n  Frobnicate = 3 }\nConsole { Name = c; Password = p; Colour = blue }', 'x.conf');
    expect(config.director.unknown.map((n) => n.key)).toEqual(['Frobnicate']);
    expect(config.warnings.map((w) => [w.code, w.pos?.line, w.pos?.column])).toEqual([
      ['W_UNKNOWN_DIRECTIVE', 2, 3], ['W_UNKNOWN_DIRECTIVE', 3, 35],
    ]);
    expect(config.warnings[0]?.message).toBe("x.conf:2:3: unknown directive 'Frobnicate' in Director resource (kept, not used)");
  });

  it('an unknown resource type is kept generically and warned about; Job directives are never warned', () => {
    const config = parseDirectorConfigText('Director { Name = d; Password = p }\nWidget { Name = w; Size = 3 }\nJob { Name = j; Accurate = yes }');
    expect(config.warnings.map((w) => w.code)).toEqual(['W_UNKNOWN_RESOURCE_TYPE']);
    expect(config.resources.map((r) => [r.type, r.name])).toEqual([['Director', 'd'], ['Widget', 'w'], ['Job', 'j']]);
  });
});
