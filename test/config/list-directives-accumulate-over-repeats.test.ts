import { describe, expect, it } from 'vitest';
import { parseDirectorConfigText } from '../../src/config/index.ts';

describe('list directives', () => {
  it('comma-separated entries accumulate over repeated lines, `!` and `*all*` verbatim', () => {
    const config = parseDirectorConfigText(`
Director { Name = d; Password = p; TLS Allowed CN = a.example, b.example; TLS Allowed CN = c.example }
Profile {
  Name = ops
  Command ACL = !.sql, !delete
  Command ACL = "!purge", *all*
  Where ACL = "/tmp/with, comma"
}
Console { Name = c; Password = p; Profile = ops; Profile = ops2, ops3 }
Profile { Name = ops2 }
Profile { Name = ops3 }`);
    expect(config.director.tlsAllowedCn).toEqual(['a.example', 'b.example', 'c.example']);
    const ops = config.profiles[0];
    expect(ops?.command).toEqual(['!.sql', '!delete', '!purge', '*all*']);
    expect(ops?.where).toEqual(['/tmp/with, comma']);
    expect(ops?.job).toEqual([]);
    expect(config.consoles[0]?.profile).toEqual(['ops', 'ops2', 'ops3']);
  });
});
