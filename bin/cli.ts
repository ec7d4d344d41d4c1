/**
 * The one `tsbareos` command. Each program folder exports `register(program)` for its subcommand;
 * this file only assembles them.
 */
import { Command } from 'commander';
import { TSBAREOS_VERSION, BAREOS_PROTOCOL_VERSION } from '../src/version.ts';

const program = new Command('tsbareos')
  .description('A Bareos-compatible director, consoles and tools, in TypeScript')
  .version(`${TSBAREOS_VERSION} (speaks Bareos ${BAREOS_PROTOCOL_VERSION})`, '-V, --version');

const registrations: Array<() => Promise<{ register: (program: Command) => void }>> = [
  // One line per program folder.
  () => import('../director/cli.ts'),
  () => import('../certs/cli.ts'),
  () => import('../src/client/cli.ts'),
  () => import('../console/tui/cli.ts'),
  () => import('../console/web/cli.ts'),
  () => import('../director/catalog-cli.ts'),
];

for (const load of registrations) (await load()).register(program);

program.showHelpAfterError();
await program.parseAsync(process.argv);
