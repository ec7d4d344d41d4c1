/**
 * When the database goes away, commands fail with one clear line (no SQL, no driver text) and the
 * catalog works again once the database is back. PostgreSQL is reached through a TCP proxy the test
 * can cut; SQLite "goes away" as a missing file opened read-only.
 */
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import { openCatalog } from '../../src/catalog/index.ts';
import { PostgresCatalog, settingsFromUrl } from '../../src/catalog/postgres.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS, PG_URL } from './drivers.ts';
import { seedGolden } from './golden-data.ts';

const UNREACHABLE = 'Catalog error: the catalog database is not reachable; try again later\n';

class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    const addr = this.server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('SQLite database missing', () => {
  it('fails with the unreachable line', async () => {
    const catalog = await openCatalog({ driver: 'sqlite3', dbName: 'absent', dataDir: tmpdir() + '/tsbareos-none', readOnly: true });
    const r = await runCommand(catalogCommands, 'list jobs', catalog);
    expect(r.ok).toBe(false);
    expect(r.text).toBe(UNREACHABLE);
    await catalog.close();
  });
});

describe.skipIf(!DRIVERS.some((d) => d.name === 'postgresql'))('PostgreSQL server goes away and returns', () => {
  let proxy: Proxy;
  let catalog: PostgresCatalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const pgDriver = DRIVERS.find((d) => d.name === 'postgresql');
    const created = await pgDriver?.create();
    if (!created) throw new Error('no postgresql driver');
    dispose = created.dispose;
    await seedGolden(created.catalog);
    const schema = /search_path=(\w+)/.exec(JSON.stringify((created.catalog as unknown as { pool: { options: unknown } }).pool.options))?.[1];
    const url = new URL(PG_URL as string);
    proxy = new Proxy({ host: url.hostname, port: Number(url.port) });
    await proxy.start();
    const settings = settingsFromUrl(PG_URL as string, tmpdir(), { ...(schema ? { schema } : {}) });
    catalog = new PostgresCatalog({ ...settings, dbPort: proxy.port });
    await created.catalog.close();
  });
  afterAll(async () => {
    await catalog.close();
    await proxy.stop();
    await dispose();
  });

  it('fails cleanly while down and reconnects when back', async () => {
    expect((await runCommand(catalogCommands, 'list jobs', catalog)).ok).toBe(true);
    await proxy.stop();
    const down = await runCommand(catalogCommands, 'list jobs', catalog);
    expect(down.ok).toBe(false);
    expect(down.text).toBe(UNREACHABLE);
    const downJson = await runCommand(catalogCommands, 'llist jobs', catalog, { api: 2 });
    expect(JSON.parse(downJson.text).error.data.messages.error).toEqual([UNREACHABLE]);
    await proxy.start();
    const back = await runCommand(catalogCommands, 'list jobs', catalog);
    expect(back.ok).toBe(true);
    expect(back.text.trimEnd().split('\n').length).toBe(3 + 4);
  });
});
