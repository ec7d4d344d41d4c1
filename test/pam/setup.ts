/**
 * Shared by the PAM tests: the prerequisite check, the helper binary (built on demand, as
 * `npm ci` would), and small probes. Not a test file itself.
 */
import { execFileSync } from 'node:child_process';
import diagnosticsChannel from 'node:diagnostics_channel';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HELPER_PATH, PAM_RESULT_CHANNEL, PAM_START_CHANNEL, type PamResultEvent, type PamStartEvent } from '../../src/auth/pam/index.ts';
import { STRICT, fileExists, type Prerequisite } from '../helpers/prereqs.ts';
import { pamWrapperPrerequisite } from '../helpers/pam-fixture.ts';

const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-pam-helper.mjs', import.meta.url));

/** pam_wrapper & co. installed, and the helper built (we build it here if cc and headers exist). */
export function pamTestPrerequisite(): Prerequisite {
  const packages = pamWrapperPrerequisite();
  if (!packages.available) return packages;
  execFileSync(process.execPath, [BUILD_SCRIPT, '--quiet'], { stdio: 'inherit' });
  if (fileExists(DEFAULT_HELPER_PATH)) return { available: true, reason: '' };
  const reason = `PAM helper could not be built at ${DEFAULT_HELPER_PATH} (needs cc and libpam0g-dev)`;
  if (STRICT) throw new Error(`prerequisite missing under TSBAREOS_CI=1: ${reason}`);
  return { available: false, reason };
}

/** Whether a process with this pid still exists (a zombie counts: it was not reaped). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Collects the diagnostics events of the logins run while it is subscribed. */
export function recordPamEvents(): { starts: PamStartEvent[]; results: PamResultEvent[]; stop(): void } {
  const starts: PamStartEvent[] = [];
  const results: PamResultEvent[] = [];
  const onStart = (m: unknown): void => void starts.push(m as PamStartEvent);
  const onResult = (m: unknown): void => void results.push(m as PamResultEvent);
  diagnosticsChannel.subscribe(PAM_START_CHANNEL, onStart);
  diagnosticsChannel.subscribe(PAM_RESULT_CHANNEL, onResult);
  return {
    starts,
    results,
    stop: () => {
      diagnosticsChannel.unsubscribe(PAM_START_CHANNEL, onStart);
      diagnosticsChannel.unsubscribe(PAM_RESULT_CHANNEL, onResult);
    },
  };
}

/** Writes an executable Node script to stand in for the helper (garbage, crashes, env dumps). */
export function fakeHelper(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!${process.execPath}\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A conversation that answers prompts from a list and records every round it was shown. */
export function scriptedConversation(answers: readonly (string | undefined)[]): {
  rounds: Array<{ kind: string; text: string; echo?: boolean }>;
  conversation: (round: { kind: 'prompt'; echo: boolean; text: string } | { kind: 'notice'; text: string }) => Promise<string | undefined>;
} {
  const queue = [...answers];
  const rounds: Array<{ kind: string; text: string; echo?: boolean }> = [];
  return {
    rounds,
    conversation: async (round) => {
      rounds.push({ ...round });
      if (round.kind === 'notice') return '';
      return queue.shift();
    },
  };
}
