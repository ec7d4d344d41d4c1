import { afterEach, beforeEach, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { runCli, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('refuses bad names, addresses, roles and day counts before writing anything', async () => {
  await runCli(['init', '--dir', dir]);
  const before = await readdir(dir);
  const cases: Array<[string[], RegExp]> = [
    [['--name', '../evil', '--role', 'console'], /name "..\/evil" must be/],
    [['--name', '.hidden', '--role', 'console'], /must be/],
    [['--name', 'web', '--role', 'web', '--ip', '999.1.1.1'], /not an IPv4 or IPv6 address/],
    [['--name', 'web', '--role', 'web', '--dns', 'bad_host!'], /not a DNS name/],
    [['--name', 'x', '--role', 'admin'], /argument 'admin' is invalid/],
    [['--name', 'x', '--role', 'console', '--days', '0'], /whole number of days/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(['issue', '--ca-dir', dir, ...args]);
    expect(result.exitCode, args.join(' ')).toBe(1);
    expect(result.stderr).toMatch(message);
  }
  expect(await readdir(dir)).toEqual(before);

  const noCa = await runCli(['issue', '--ca-dir', `${dir}/missing`, '--name', 'x', '--role', 'console']);
  expect(noCa.exitCode).toBe(1);
  expect(noCa.stderr).toContain('no certificate authority in');
});
