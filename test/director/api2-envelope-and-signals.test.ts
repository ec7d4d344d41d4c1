import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';
import { collect, describe as frames, rawLogin } from '../helpers/raw-console.ts';

describe('.api modes on the wire (reference §7.2, §7.4)', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource('TLS Enable = no'));
  });
  afterAll(() => director.close());

  it('frames api 0, api 2 compact and indented, and unknown commands as Bareos does', async () => {
    const { conn } = await rawLogin({ port: director.port, password: DIRECTOR_PASSWORD });
    // api 0: text then BNET_EOD
    expect(frames(await collect(conn, 'whoami'))).toEqual(['root\n', -1]);
    // empty command: just EOD
    expect(frames(await collect(conn, ''))).toEqual([-1]);
    // switching to api 2: CMD_OK, the JSON, MAIN_PROMPT
    expect(frames(await collect(conn, '.api 2 compact=yes'))).toEqual([-15, '{"jsonrpc":"2.0","id":null,"result":{"api":2}}', -18]);
    expect(frames(await collect(conn, 'whoami'))).toEqual([-16, -15, '{"jsonrpc":"2.0","id":null,"result":{"whoami":"root"}}', -18]);
    // an unknown command: no CMD_BEGIN/OK, the error envelope
    expect(frames(await collect(conn, 'nosuchcommand'))).toEqual([
      -21,
      '{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"failed","data":{"result":{},"messages":{"error":["nosuchcommand: is an invalid command.\\n"]}}}}',
      -18,
    ]);
    // the no-op
    expect(frames(await collect(conn, '.'))).toEqual([-16, -15, '{"jsonrpc":"2.0","id":null,"result":{}}', -18]);
    // compact=no: indented like JSON.stringify(v, null, 2)
    const indented = frames(await collect(conn, '.api 2 compact=no'));
    expect(indented.slice(0, 2)).toEqual([-16, -15]);
    expect(indented[2]).toBe(JSON.stringify({ jsonrpc: '2.0', id: null, result: { api: 2 } }, null, 2));
    // a stray signal at the prompt is answered with BNET_POLL
    conn.sendSignal(-6);
    expect(frames(await collect(conn, undefined, (f) => f.kind === 'signal' && f.signal === -18))).toEqual([-5, -18]);
    // back to api 0: CMD_BEGIN, "api: 0", EOD
    expect(frames(await collect(conn, '.api 0'))).toEqual([-16, 'api: 0\n', -1]);
    conn.sendSignal(-4);
  });

  it('matches the golden version envelope keys', async () => {
    const { conn } = await rawLogin({ port: director.port, password: DIRECTOR_PASSWORD });
    await collect(conn, '.api 2');
    const out = frames(await collect(conn, 'version'));
    const doc = JSON.parse(String(out[2])) as { result: { version: Record<string, string> } };
    expect(Object.keys(doc.result.version)).toEqual(['name', 'type', 'version', 'bdate', 'operatingsystem', 'distname', 'distversion', 'customversionid']);
    expect(doc.result.version['version']).toBe('26.0.0');
    expect(doc.result.version['customversionid']).toMatch(/^tsbareos /);
    conn.sendSignal(-4);
  });
});
