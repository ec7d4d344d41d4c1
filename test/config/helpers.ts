import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/config/index.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));

/** Runs `fn` and returns the ConfigError it throws; fails the test if it throws nothing or something else. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw new Error(`expected a ConfigError, got ${String(err)}`);
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** A minimal valid director config to prepend to resources under test. */
export const DIRECTOR = 'Director { Name = test-dir; Password = "dirsecret" }\n';
