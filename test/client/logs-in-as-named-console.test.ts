import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('login as a named console over TLS-PSK', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ consoles: { 'ops team': { password: 'a very secure password' } } });
  });
  afterAll(() => director.close());

  it('uses the console password and bashes the space in the Hello', async () => {
    const client = await connect({ host: director.host, port: director.port, name: 'ops team', password: 'a very secure password' });
    expect(client.loggedInAs).toBe('ops team');
    expect(await client.call('version')).toContain('mini-dir');
    await client.close();
    const received = director.sessions[0]?.received().toString('latin1') ?? '';
    expect(received).toContain('Hello ops\x01team calling version 26.0.0');
    expect(received).toContain('@R_CONSOLE::ops\x01team> ssl=2\n');
  });

  it('accepts a password given as [md5] hex', async () => {
    const client = await connect({ host: director.host, port: director.port, name: 'ops team', password: '[md5]2390d79ff6e169f3e13c9599e7f9fd4a' });
    expect(client.loggedInAs).toBe('ops team');
    await client.close();
  });
});
