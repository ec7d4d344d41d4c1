import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TranscriptEntry } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('login as the default console over TLS-PSK', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ password: 'secret' });
  });
  afterAll(() => director.close());

  it('logs in, reports the session and runs a command', async () => {
    const transcript: TranscriptEntry[] = [];
    const client = await connect({ host: director.host, port: director.port, password: 'secret', loginTranscript: (e) => transcript.push(e) });
    expect(client.directorName).toBe('mini-dir');
    expect(client.versionLine).toBe('mini-dir Version: 26.0.0 (23 November 2026)');
    expect(client.banner).toContain('You are connected using the default console');
    expect(client.loggedInAs).toBe('*UserAgent*');
    expect(client.dialect).toBe('modern');
    expect(client.encryption?.protocol).toBe('TLSv1.3');
    expect(await client.call('version')).toBe('mini-dir Version: 26.0.0 (23 November 2026) x86_64-pc-linux-gnu\n');
    await client.close();

    const hello = director.sessions[0]?.hello;
    expect(hello).toMatchObject({ kind: 'console', name: '*UserAgent*', modern: true });
    expect(director.sessions[0]?.received().subarray(0, 62).toString('latin1')).toBe('\0\0\0\x3aHello *UserAgent* calling version 26.0.0 Version="26.0.0"\n');
    // The transcript shows the login but never the CRAM-MD5 response.
    expect(transcript.map((e) => e.direction)).toEqual(['send', 'receive', 'send', 'receive', 'send', 'receive', 'send', 'receive', 'receive']);
    expect(transcript[2]).toMatchObject({ redacted: 'CRAM-MD5 response', length: 23 });
    expect(transcript[2]?.text).toBeUndefined();
  });

  it('ends the session with BNET_TERMINATE', async () => {
    const client = await connect({ host: director.host, port: director.port, password: 'secret' });
    await client.close();
    const received = director.sessions.at(-1)?.received() ?? Buffer.alloc(0);
    expect(received.subarray(received.length - 4)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xfc]));
    await expect(client.call('version')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });
});
