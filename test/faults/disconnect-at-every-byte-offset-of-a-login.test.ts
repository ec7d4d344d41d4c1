/**
 * A console that vanishes at any byte of a good login (cleartext and TLS-PSK): each attempt ends in
 * one login.refused line, nothing stays half-open, and a console logged in beside them keeps
 * answering commands throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DirectorClient } from '../../src/client/index.ts';
import { BudgetExhausted, rawLogin } from '../helpers/raw-console.ts';
import type { TestDirector } from '../helpers/director.ts';
import { DIRECTOR_PASSWORD, refusals, settles, startFaultDirector } from './helpers.ts';

describe('disconnect at every byte offset of a good login', () => {
  let director: TestDirector;
  let witness: DirectorClient;
  beforeAll(async () => {
    director = await startFaultDirector('Login Failure Limit = 0');
    witness = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' });
  });
  afterAll(async () => {
    await witness?.close();
    await director?.close();
  });

  for (const variant of [
    { label: 'cleartext, default console', tls: false, name: '*UserAgent*', password: DIRECTOR_PASSWORD },
    { label: 'TLS-PSK, named console', tls: true, name: 'admin', password: 'adminpw' },
  ]) {
    it(`${variant.label}: every cut is refused and logged, the witness keeps working`, async () => {
      const before = refusals(director).length;
      // Cut after 0, 1, 2, ... bytes until the budget is enough to finish (the length of our
      // challenge varies with its random number, so the end is found, not computed).
      let cuts = 0;
      for (let budget = 0; ; budget++) {
        const outcome = await rawLogin({ port: director.port, tls: variant.tls, name: variant.name, password: variant.password, byteBudget: budget }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        if (!(outcome instanceof Error)) {
          outcome.conn.destroy();
          break;
        }
        expect(outcome).toBeInstanceOf(BudgetExhausted);
        cuts++;
        if (budget % 16 === 0) expect(await witness.call('version')).toMatch(/^test-dir Version/);
      }
      expect(cuts).toBeGreaterThan(150);
      await settles(director, 1);
      const lines = refusals(director).slice(before);
      expect(lines).toHaveLength(cuts);
      for (const line of lines) expect(String(line['result'])).toMatch(/^ERR_/);
      expect(await witness.call('whoami')).toBe('admin\n');
    });
  }
});
