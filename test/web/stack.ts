/**
 * A real director under pam_wrapper plus the web gateway in front of it, for the web tests. The
 * director's catalog is a seeded SQLite file so `list jobs` has rows to show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog } from '../../src/catalog/index.ts';
import { directorTargets } from '../../console/web/directors.ts';
import { startWebGateway, type RunningWebGateway, type WebGatewayOptions } from '../../console/web/server.ts';
import { parseBconsoleConfigText } from '../../src/config/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture, type PamServiceName } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';

export const pamPrereq = pamWrapperPrerequisite();
export const skipWithoutPam = announceSkip(pamPrereq);

export const CONSOLE_PASSWORD = 'websecret';

/** alice and carol may list and look around, but not run `version` (the ACL test's denied command). */
export const USER_COMMANDS = 'list, llist, .api, whoami, status, help, .help, show, messages, use, time';

export interface WebStack {
  readonly director: TestDirector;
  readonly gateway: RunningWebGateway;
  readonly fixture: PamFixture;
  readonly url: string;
  readonly logs: Array<{ event: string; fields: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface WebStackOptions {
  readonly service?: PamServiceName;
  readonly seedJobs?: number;
  readonly gateway?: Partial<Omit<WebGatewayOptions, 'directors' | 'host' | 'port'>>;
}

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  const fixture = createPamFixture();
  const dataDir = mkdtempSync(join(tmpdir(), 'tsb-web-'));
  const dbPath = join(dataDir, 'catalog.db');
  const catalog = await openCatalog({ driver: 'sqlite3', dbName: dbPath, dataDir });
  await catalog.init();
  await catalog.seed({ jobs: options.seedJobs ?? 40, clients: 5, seed: 7 });
  await catalog.close();
  const director = await startTestDirector(
    `Director {
  Name = test-dir
  Password = "dirsecret"
  DirPort = 9101
  Auth Failure Delay = 0
  Handshake Timeout = 5
  PAM Service Name = ${options.service ?? fixture.services.matrix}
}
Console { Name = webui; Password = "${CONSOLE_PASSWORD}"; Use Pam Authentication = yes }
User { Name = alice; Profile = webuser }
User { Name = carol; Profile = webuser }
Profile { Name = webuser; Command ACL = ${USER_COMMANDS}; Job ACL = *all*; Client ACL = *all*; Pool ACL = *all*; Storage ACL = *all*; FileSet ACL = *all*; Catalog ACL = *all* }
Catalog { Name = MyCatalog; DB Driver = sqlite3; DB Name = "${dbPath}" }
`,
    { pamEnv: { ...fixture.env } },
  );
  const logs: WebStack['logs'] = [];
  const config = parseBconsoleConfigText(`Director { Name = test-dir; Address = 127.0.0.1; DirPort = ${director.port}; Password = "unused" }
Console { Name = webui; Password = "${CONSOLE_PASSWORD}"; Director = test-dir }
`);
  const gateway = await startWebGateway({
    host: '127.0.0.1',
    port: 0,
    directors: directorTargets(config),
    log: (event, fields) => logs.push({ event, fields }),
    ...options.gateway,
  });
  return {
    director,
    gateway,
    fixture,
    url: gateway.url,
    logs,
    async close() {
      await gateway.close();
      await director.close();
      fixture.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/** A tiny cookie-keeping HTTP client, like one browser tab. */
export class Agent {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';', 1)[0];
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  /** A state-changing request carrying the CSRF token from the login. */
  post(path: string, body?: unknown): Promise<Reply> {
    return this.request('POST', path, body, this.csrfToken ? { 'X-CSRF-Token': this.csrfToken } : {});
  }

  async login(username: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/auth/login', { username, password });
    if (reply.status === 200) this.csrfToken = String(reply.body['csrfToken']);
    return reply;
  }
}

export function errorCode(reply: Reply): unknown {
  return (reply.body['error'] as { code?: unknown } | undefined)?.code;
}
