import { describe, expect, it } from 'vitest';
import { normalizeKeyword, parseDirectorConfigText } from '../../src/config/index.ts';

describe('keywords', () => {
  it('`Command ACL` = `commandacl` = `CommandACL`, also for resource types', () => {
    expect(new Set(['Command ACL', 'commandacl', 'CommandACL', ' command  acl '].map(normalizeKeyword))).toEqual(new Set(['commandacl']));
    const config = parseDirectorConfigText(`
DIRECTOR { name = d; PASSWORD = p; maximumconsoleconnections = 7; Dir Port = 9200 }
console { Name = c; Password = p; Command ACL = a; commandacl = b; CommandACL = c; job acl = j }
JOB DEFS { Name = jd }`);
    expect(config.director.maximumConsoleConnections).toBe(7);
    expect(config.director.port).toBe(9200);
    expect(config.consoles[0]?.command).toEqual(['a', 'b', 'c']);
    expect(config.consoles[0]?.job).toEqual(['j']);
    expect(config.jobDefs.map((j) => j.name)).toEqual(['jd']);
    expect(config.resources.find((r) => r.name === 'jd')?.type).toBe('JobDefs');
  });

  it('aliases: Port/DirPort, Address/DirAddress, dbdriver', () => {
    const config = parseDirectorConfigText(`
Director { Name = d; Password = p; Port = 9999; Address = 10.0.0.1 }
Catalog { Name = c; dbdriver = "PostgreSQL"; dbname = bareos; dbuser = bareos; dbpassword = ""; Port = 5433 }`);
    expect([config.director.port, config.director.address]).toEqual([9999, '10.0.0.1']);
    expect(config.catalogs[0]).toMatchObject({ dbDriver: 'postgresql', dbName: 'bareos', dbUser: 'bareos', dbPassword: '', dbPort: 5433 });
  });
});
