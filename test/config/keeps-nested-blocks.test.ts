import { describe, expect, it } from 'vitest';
import { parseDirectorConfigText, type DirectiveNode } from '../../src/config/index.ts';
import { DIRECTOR } from './helpers.ts';

function shape(nodes: readonly DirectiveNode[]): unknown[] {
  return nodes.map((n) => (n.value.kind === 'block' ? { [n.key]: shape(n.value.body) } : { [n.key]: n.value.items }));
}

describe('nested blocks', () => {
  it('FileSet Include/Options/Exclude are parsed and kept in order', () => {
    const config = parseDirectorConfigText(`${DIRECTOR}
FileSet { Name = fs; Include { File = /etc; Options { Signature = MD5; Wild File = "*.tmp" } File = /home }
  Exclude = { File = /proc } }`);
    const fs = config.fileSets[0];
    expect(fs?.include).toHaveLength(1);
    expect(shape(fs?.include[0]?.body ?? [])).toEqual([
      { File: ['/etc'] }, { Options: [{ Signature: ['MD5'] }, { 'Wild File': ['*.tmp'] }] }, { File: ['/home'] },
    ]);
    expect(shape(fs?.exclude[0]?.body ?? [])).toEqual([{ File: ['/proc'] }]);
    expect(shape(config.resources.find((r) => r.name === 'fs')?.directives ?? [])[1]).toEqual({
      Include: [{ File: ['/etc'] }, { Options: [{ Signature: ['MD5'] }, { 'Wild File': ['*.tmp'] }] }, { File: ['/home'] }],
    });
  });

  it('DirAddresses becomes typed listen addresses', () => {
    const config = parseDirectorConfigText(`Director { Name = d; Password = p
  DirAddresses = { ip = { addr = 127.0.0.1; port = 9101 } ipv4 = { addr = 10.1.1.1; port = 19101 } ipv6 = { port = 9102 } } }`);
    expect(config.director.addresses).toEqual([
      { family: 'ip', addr: '127.0.0.1', port: 9101 },
      { family: 'ipv4', addr: '10.1.1.1', port: 19101 },
      { family: 'ipv6', addr: '::', port: 9102 },
    ]);
  });

  it('Job RunScript blocks are kept generically', () => {
    const config = parseDirectorConfigText(`${DIRECTOR}Job { Name = j; RunScript { RunsWhen = Before; Command = "/bin/true %i" } }`);
    const job = config.resources.find((r) => r.keyword === 'job');
    expect(shape(job?.directives ?? [])).toEqual([{ Name: ['j'] }, { RunScript: [{ RunsWhen: ['Before'] }, { Command: ['/bin/true %i'] }] }]);
  });
});
