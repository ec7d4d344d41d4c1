import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('reload', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource());
  });
  afterAll(() => director.close());

  it('re-reads the config: new consoles can log in, open sessions keep working', async () => {
    const admin = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    const missing = await connect({ host: '127.0.0.1', port: director.port, name: 'late', password: 'latepw' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Error);
    writeFileSync(director.configPath, `${readFileSync(director.configPath, 'utf8')}\nConsole { Name = late; Password = "latepw" }\n`);
    expect(await admin.call('reload')).toBe('Configuration reloaded.\n');
    const late = await connect({ host: '127.0.0.1', port: director.port, name: 'late', password: 'latepw' });
    expect(await late.call('whoami')).toBe('late\n');
    expect(await admin.call('whoami')).toBe('root\n');
    await late.close();
    await admin.close();
  });

  it('keeps the old config when the new one is broken, and says why', async () => {
    const admin = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    writeFileSync(director.configPath, `${readFileSync(director.configPath, 'utf8')}\nConsole { Name = broken \n`);
    const out = await admin.call('reload');
    expect(out).toMatch(/^reload failed: .*bareos-dir\.conf:\d+:\d+/);
    expect(await admin.call('whoami')).toBe('root\n');
    await admin.close();
  });
});
