import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as config from '../../src/config/index.ts';

const DOC = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
const TABLES: Record<string, config.DirectiveTable> = {
  Director: config.DIRECTOR_DIRECTIVES, Console: config.CONSOLE_DIRECTIVES, User: config.USER_DIRECTIVES,
  Profile: config.PROFILE_DIRECTIVES, Catalog: config.CATALOG_DIRECTIVES, Job: config.JOB_DIRECTIVES,
  Client: config.CLIENT_DIRECTIVES, Pool: config.POOL_DIRECTIVES, Storage: config.STORAGE_DIRECTIVES,
  FileSet: config.FILESET_DIRECTIVES, Schedule: config.SCHEDULE_DIRECTIVES,
  BconsoleDirector: config.BCONSOLE_DIRECTOR_DIRECTIVES, BconsoleConsole: config.BCONSOLE_CONSOLE_DIRECTIVES,
};

describe('docs/config.md', () => {
  it('lists every directive we read, with its field, and marks extensions', () => {
    for (const table of Object.values(TABLES)) {
      for (const [field, spec] of Object.entries(table)) {
        const row = DOC.split('\n').find((l) => l.startsWith(`| ${spec.names.map((n) => `\`${n}\``).join(' / ')} |`) && l.includes(`\`${field}\``));
        expect(row, `${spec.names[0]} (${field})`).toBeDefined();
        if (spec.extension) expect(row).toContain('tsbareos extension');
      }
    }
  });
});
