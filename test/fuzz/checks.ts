/**
 * What must hold after any amount of fuzzing: nothing crashed (no unhandled rejection or uncaught
 * exception in the process that runs the director), nothing leaked (no login in progress, no
 * session, the process's handle count back to where it was), one log line per connection.
 */
import type { TestDirector } from '../helpers/director.ts';
import { waitFor } from '../helpers/director.ts';

export interface CrashWatch {
  readonly problems: string[];
  stop(): void;
}

export function watchForCrashes(): CrashWatch {
  const problems: string[] = [];
  const onRejection = (reason: unknown): void => void problems.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (error: Error): void => void problems.push(`uncaughtException: ${String(error.stack ?? error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    problems,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/** node's count of live handles (sockets, timers, servers); internal but stable for decades. */
export function activeHandles(): number {
  const p = process as unknown as { _getActiveHandles?: () => unknown[] };
  return p._getActiveHandles?.().length ?? 0;
}

/** What the extra handles are, for the failure message. */
export function describeHandles(): string {
  const p = process as unknown as { _getActiveHandles?: () => unknown[] };
  return (p._getActiveHandles?.() ?? [])
    .map((h) => {
      const s = h as { constructor?: { name?: string }; localPort?: number; remotePort?: number; destroyed?: boolean; readyState?: string };
      return `${s.constructor?.name ?? '?'}(${s.localPort ?? ''}->${s.remotePort ?? ''} ${s.readyState ?? ''}${s.destroyed ? ' destroyed' : ''})`;
    })
    .join(', ');
}

export function loginLines(director: TestDirector): number {
  return director.events().filter((e) => e['event'] === 'login.ok' || e['event'] === 'login.refused').length;
}

/** Wait until the director holds nothing for the fuzzer's connections any more. */
export async function settledAfterFuzz(director: TestDirector, baselineHandles: number, connections: number, linesBefore: number): Promise<void> {
  await waitFor(() => director.server.pendingConnections === 0 && director.runtime.live.size === 0, 15_000, `no pending logins or sessions (pending ${director.server.pendingConnections}, live ${director.runtime.live.size})`);
  await waitFor(() => loginLines(director) - linesBefore === connections, 5000, `one login line per connection (${loginLines(director) - linesBefore} of ${connections})`);
  // Refused connections are destroyed at most 2 s after their reply; allow for that timer.
  try {
    await waitFor(() => activeHandles() <= baselineHandles, 10_000, 'handles');
  } catch {
    throw new Error(`handles not back to ${baselineHandles} after 10 s: ${describeHandles()}`);
  }
}
