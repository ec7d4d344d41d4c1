/**
 * Figures 2 and 4: PAM direct (4002) logins through the real helper, libpam and pam_wrapper +
 * pam_matrix; and the director's event loop while 200 logins sit in a PAM stack that takes ~500 ms
 * (tsb-slow), timed from inside the director (Prometheus loop-delay quantiles) and from an active
 * console running `version` meanwhile.
 */
import { readFileSync } from 'node:fs';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../test/helpers/pam-fixture.ts';
import { BENCH_PASSWORD, PAM_CONSOLE, directorConfig } from './configs.ts';
import { loginOn, loginRate, oneLogin, openSocket, round, timeCommandLoop, type Latencies, type LoginTarget, type RateResult } from './login-client.ts';
import { metricValue, spawnDirector, type SpawnedDirector } from './processes.ts';

export interface SlowPamResult {
  readonly logins: number;
  readonly ok: number;
  readonly seconds: number;
  readonly loopDelayP99Ms: number | undefined;
  readonly loopDelayMaxMs: number | undefined;
  readonly activeVersion: Latencies;
  /** The director's refusal codes during the run (from its JSON log), e.g. PAM busy or timeout. */
  readonly refusals: Readonly<Record<string, number>>;
  readonly firstClientError: string | undefined;
}

function refusalCodes(logFile: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"event":"login.refused"')) continue;
    const code = String((JSON.parse(line) as { result?: unknown }).result);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

export function pamAvailable(): { ok: boolean; reason: string } {
  const prereq = pamWrapperPrerequisite();
  return { ok: prereq.available, reason: prereq.reason };
}

async function withPamDirector<T>(service: (fx: PamFixture) => string, body: (d: SpawnedDirector) => Promise<T>): Promise<T> {
  const fx = createPamFixture();
  try {
    const director = await spawnDirector({ config: directorConfig({ tls: true, pamService: service(fx) }), pamEnv: fx.env });
    try {
      return await body(director);
    } finally {
      await director.stop();
    }
  } finally {
    fx.cleanup();
  }
}

function pamTarget(port: number): LoginTarget {
  return { host: '127.0.0.1', port, transport: 'psk', name: PAM_CONSOLE.name, password: PAM_CONSOLE.password, pam: { user: 'alice', password: 'alicepw' } };
}

export function runPamDirectRate(opts: { quick: boolean }): Promise<RateResult> {
  return withPamDirector((fx) => fx.services.matrix, async (director) => {
    const target = pamTarget(director.port);
    await oneLogin(target);
    return loginRate(target, 8, (opts.quick ? 3 : 8) * 1000);
  });
}

export function runSlowPam(opts: { logins: number }): Promise<SlowPamResult> {
  return withPamDirector((fx) => fx.services.slow, async (director) => {
    const admin: LoginTarget = { host: '127.0.0.1', port: director.port, transport: 'psk', name: '*UserAgent*', password: BENCH_PASSWORD };
    const active = await loginOn(await openSocket(admin), admin);
    await director.metrics(); // resets the loop-delay window
    const started = performance.now();
    let done = false;
    const timing = timeCommandLoop(active, 'version', () => done);
    const outcomes = await Promise.allSettled(Array.from({ length: opts.logins }, () => oneLogin(pamTarget(director.port))));
    const seconds = (performance.now() - started) / 1000;
    done = true;
    const activeVersion = await timing;
    const text = await director.metrics();
    active.destroy();
    const q = (quantile: string): number | undefined => {
      const v = metricValue(text, `tsbareos_event_loop_delay_seconds{quantile="${quantile}"}`);
      return v === undefined ? undefined : round(v * 1000);
    };
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    return {
      logins: opts.logins,
      ok: outcomes.filter((o) => o.status === 'fulfilled').length,
      seconds: round(seconds),
      loopDelayP99Ms: q('0.99'),
      loopDelayMaxMs: q('1'),
      activeVersion,
      refusals: refusalCodes(director.logFile),
      firstClientError: failure ? String((failure.reason as Error).message) : undefined,
    };
  });
}
