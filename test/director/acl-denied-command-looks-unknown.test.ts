import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, DirectorCommandError } from '../../src/client/index.ts';
import { directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('Command ACL', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Console { Name = ops; Password = "opspw"; Profile = limited }
Profile { Name = limited; Command ACL = !status, !show, *all* }
`);
  });
  afterAll(() => director.close());

  it('answers a denied command exactly like an unknown one, in plain and api 2', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'ops', password: 'opspw' });
    try {
      expect(await client.call('status director')).toBe('status: is an invalid command.\n');
      expect(await client.call('nosuchcommand')).toBe('nosuchcommand: is an invalid command.\n');
      expect(await client.call('version')).toMatch(/^test-dir Version/);
      const error = await client.callJson('show jobs').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DirectorCommandError);
      expect((error as DirectorCommandError).messages.error).toEqual(['show: is an invalid command.\n']);
      // whoami and quit bypass the ACL, as in Bareos.
      expect(await client.call('whoami')).toBe('ops\n');
    } finally {
      await client.close();
    }
  });

  it('reports permission per command in .help', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'ops', password: 'opspw' });
    try {
      const help = (await client.callJson('.help')) as Record<string, { permission: boolean }>;
      expect(help['status']?.permission).toBe(false);
      expect(help['version']?.permission).toBe(true);
      expect(help['.help']?.permission).toBe(true);
    } finally {
      await client.close();
    }
  });
});
