import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/catalog/index.ts';
import { connect, type DirectorClient } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('catalog commands through the director', () => {
  let director: TestDirector;
  let client: DirectorClient;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Catalog { Name = MyCatalog; DB Driver = sqlite3; DB Name = catalog }
Console { Name = limited; Password = "limitedpw"; Profile = one-client }
Profile { Name = one-client; Command ACL = *all*; Job ACL = *all*; Client ACL = bareos-fd; Catalog ACL = *all* }
`);
    const catalog = await openCatalog({ driver: 'sqlite3', dbName: 'catalog', dataDir: director.dir });
    await catalog.init();
    await catalog.seed({ jobs: 1000, clients: 3, seed: 7 });
    await catalog.close();
    client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
  });
  afterAll(async () => {
    await client?.close();
    await director?.close();
  });

  it('prints the catalog announcement once, then Bareos-style tables', async () => {
    const first = await client.call('list jobs limit=3');
    expect(first).toMatch(/^Automatically selected Catalog: MyCatalog\nUsing Catalog "MyCatalog"\n\+-+/);
    expect(first.split('\n').filter((l) => l.startsWith('| ')).length).toBe(4);
    const second = await client.call('list clients');
    expect(second).not.toContain('Using Catalog');
    expect(second).toMatch(/\| clientid \| name/);
  });

  it('answers api 2 with string values and meta.range', async () => {
    const result = (await client.callJson('llist jobs limit=5 offset=2')) as { jobs: Array<Record<string, unknown>>; meta: { range: Record<string, number> } };
    expect(result.jobs).toHaveLength(5);
    expect(typeof result.jobs[0]?.['jobid']).toBe('string');
    expect(result.meta.range).toEqual({ limit: 5, offset: 2, filtered: 0 });
  });

  it('filters rows by the console Client ACL', async () => {
    const limited = await connect({ host: '127.0.0.1', port: director.port, name: 'limited', password: 'limitedpw' });
    try {
      const result = (await limited.callJson('list jobs')) as { jobs: Array<{ client: string }>; meta: { range: { filtered: number } } };
      expect(result.jobs.length).toBeGreaterThan(0);
      expect(new Set(result.jobs.map((j) => j.client))).toEqual(new Set(["bareos-fd"]));
      expect(result.meta.range.filtered).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('streams a long api 2 listing that is bigger than the in-memory threshold as valid JSON', async () => {
    const result = (await client.callJson('llist jobs')) as { jobs: unknown[] };
    expect(result.jobs).toHaveLength(1000);
  });
});
