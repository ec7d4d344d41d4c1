/**
 * `npm run fuzz [-- --seconds N] [--parallel P] [--seed S]`: the transcript fuzzer for minutes
 * (default 120 s), then the same checks as the CI test: no crash, no unhandled rejection, no leaked
 * login, session or handle, one log line per connection. Exit code 1 on any failure.
 */
import fc from 'fast-check';
import { startTestDirector } from '../helpers/director.ts';
import { activeHandles, loginLines, settledAfterFuzz, watchForCrashes } from './checks.ts';
import { fakePam, fuzzConfig, planArb, replay, type Plan } from './harness.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = arg('--seconds', 120);
const parallel = arg('--parallel', 16);
const seed = arg('--seed', Date.now() % 2 ** 31);
// First write before the handle baseline: stdout's own handle is created lazily.
process.stdout.write(`fuzzing for ${seconds} s with ${parallel} clients (seed ${seed})\n`);
const watch = watchForCrashes();
const director = await startTestDirector(fuzzConfig(), { pam: fakePam });
const baseline = activeHandles();
const linesBefore = loginLines(director);
const byKind = new Map<string, { runs: number; loggedIn: number }>();
let connections = 0;
const plans = fc.sample(planArb, { numRuns: 1_000_000, seed })[Symbol.iterator]();
const deadline = Date.now() + seconds * 1000;
let failed = false;

async function worker(): Promise<void> {
  while (Date.now() < deadline && watch.problems.length === 0) {
    const plan: Plan | undefined = plans.next().value;
    if (!plan) return;
    connections++;
    const outcome = await replay(director.port, plan);
    const key = `${plan.transcript}/${plan.mutation.kind}`;
    const entry = byKind.get(key) ?? { runs: 0, loggedIn: 0 };
    entry.runs++;
    if (outcome.loggedIn) entry.loggedIn++;
    byKind.set(key, entry);
  }
}

await Promise.all(Array.from({ length: parallel }, worker));
try {
  await settledAfterFuzz(director, baseline, connections, linesBefore);
} catch (error) {
  failed = true;
  process.stdout.write(`LEAK: ${(error as Error).message}\n`);
}
for (const problem of watch.problems) process.stdout.write(`CRASH: ${problem}\n`);
failed ||= watch.problems.length > 0;
for (const [key, e] of [...byKind].sort()) process.stdout.write(`  ${key.padEnd(24)} ${String(e.runs).padStart(7)} runs, ${e.loggedIn} reached the login\n`);
process.stdout.write(`${connections} connections, ${loginLines(director) - linesBefore} login log lines, handles ${activeHandles()} (baseline ${baseline}): ${failed ? 'FAILED' : 'ok'}\n`);
watch.stop();
await director.close();
process.exit(failed ? 1 : 0);
