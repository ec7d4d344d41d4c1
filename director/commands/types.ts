/**
 * The contract between the session's command loop and command modules. A command gets its parsed
 * arguments, an output to write to, a view of the session (who is logged in, ACLs) and a view of
 * the director (config, catalog, other sessions). It returns true on success.
 */
import type { CommandArgs } from './args.ts';
import type { ApiMode, CommandOutput } from '../../src/format/output.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import type { DirectorConfig } from '../../src/config/index.ts';
import type { LoginMetricsSnapshot } from '../metrics.ts';

export type AclType = 'job' | 'client' | 'storage' | 'schedule' | 'pool' | 'command' | 'fileset' | 'catalog' | 'where' | 'pluginoptions';

export interface AclView {
  allows(type: AclType, item: string): boolean;
  hasRestrictions(type: AclType): boolean;
}

export interface SessionView {
  readonly id: number;
  /** `*UserAgent*` for the default console. */
  readonly consoleName: string;
  /** PAM user (User resource name) when the console logged in through PAM. */
  readonly userName: string | undefined;
  readonly isDefaultConsole: boolean;
  readonly acl: AclView;
  readonly remoteAddress: string;
  readonly connectedAt: Date;
  /**
   * Opaque identity of this session's login, for records kept per login outside the session
   * (login tokens it obtained). Compared by identity only.
   */
  readonly loginHandle: object;
  /** TLS cipher/protocol, or undefined on a cleartext session. */
  readonly encryption: string | undefined;
}

export interface DirectorView {
  readonly config: DirectorConfig;
  readonly startedAt: Date;
  /** The command table, for `help` and `.help`. */
  commands(): readonly Command[];
  /** Live sessions, for `status director` and `.consoles`. */
  sessions(): readonly SessionView[];
  /** Re-read the config file; existing sessions keep working. Resolves to errors, if any. */
  reload(): Promise<{ ok: boolean; errors: readonly string[] }>;
  /** Login counters for `status director` (absent in command tests that fake the director). */
  readonly metrics?: { snapshot(): LoginMetricsSnapshot };
}

/** What only the session itself can change: api mode, session-wide toggles, ending the session. */
export interface SessionControl {
  setApi(mode: ApiMode, compact: boolean | undefined): void;
  readonly compact: boolean;
  /** Close the connection after this command (quit/exit). */
  endSession(): void;
  /** Per-session settings such as `autodisplay`, `gui`, `use catalog=`. */
  readonly settings: Map<string, string>;
}

export interface CommandContext {
  readonly args: CommandArgs;
  readonly control: SessionControl;
  readonly out: CommandOutput;
  readonly session: SessionView;
  readonly director: DirectorView;
  /**
   * Open the catalog for this session, applying Catalog ACL; in api 0 the first call of a session
   * prints `Automatically selected Catalog: NAME` / `Using Catalog "NAME"` as Bareos does.
   * Rejects with an error whose message is fit for the console when no catalog is usable.
   */
  openCatalog(name?: string): Promise<Catalog>;
}

export interface Command {
  /** The command word; matched by case-insensitive prefix in registry order. */
  readonly name: string;
  /** One line for `help` and `.help`. */
  readonly description: string;
  /** Argument synopsis for `help`/`.help` (the `arguments` member). */
  readonly usage: string;
  /** `quit`, `exit` and `whoami` bypass the Command ACL as in Bareos. */
  readonly aclExempt?: boolean;
  run(ctx: CommandContext): Promise<boolean> | boolean;
}
