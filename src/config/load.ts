import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildDirectorConfig, type DirectorConfig } from './director.ts';
import { ConfigError, ConfigFileError, throwConfigErrors } from './errors.ts';
import { parseConfigFiles, parseConfigText, type ParsedConfig } from './parser.ts';
import type { ConfigWarning } from './resource.ts';
import { fileSystemSource, globFiles, isDirectory, type ConfigSource } from './source.ts';

export interface LoadOptions {
  readonly source?: ConfigSource;
}

/**
 * Reads a director configuration from
 * - a file (`bareos-dir.conf` or any single file, following its `@` includes);
 * - a directory holding `bareos-dir.conf` (that file is read);
 * - a directory holding `bareos-dir.d/`, or a `bareos-dir.d`-style tree itself: every `<type>/<name>.conf`.
 * Throws the ConfigError when there is one problem, a ConfigInvalidError listing all when there are more.
 */
export function loadDirectorConfig(path: string, options: LoadOptions = {}): DirectorConfig {
  const { config, errors } = loadCollecting(path, options);
  if (!config) throwConfigErrors(errors);
  return config;
}

/** The same from a string (tests, embedded configs); includes resolve against `fileName`'s directory. */
export function parseDirectorConfigText(text: string, fileName = 'bareos-dir.conf', options: LoadOptions = {}): DirectorConfig {
  const { config, errors } = collect(fileName, () => parseConfigText(text, fileName, options));
  if (!config) throwConfigErrors(errors);
  return config;
}

export interface ConfigSummary {
  readonly directorName: string | undefined;
  readonly files: number;
  /** Resource counts by type (`Job: 3`), in the order types first appear. */
  readonly resources: Readonly<Record<string, number>>;
}

export interface ConfigCheckResult {
  readonly ok: boolean;
  readonly errors: readonly ConfigError[];
  readonly warnings: readonly ConfigWarning[];
  readonly summary: ConfigSummary;
  readonly config: DirectorConfig | undefined;
}

/** For `tsbareos director -t`: never throws for configuration problems, reports them all. */
export function checkDirectorConfig(path: string, options: LoadOptions = {}): ConfigCheckResult {
  const { config, errors, warnings } = loadCollecting(path, options);
  const resources: Record<string, number> = {};
  for (const r of config?.resources ?? []) resources[r.type] = (resources[r.type] ?? 0) + 1;
  const summary = { directorName: config?.director.name, files: config?.files.length ?? 0, resources };
  return { ok: errors.length === 0, errors, warnings, summary, config };
}

/** Human text for `-t`: errors, warnings, then one summary line. */
export function formatConfigCheck(result: ConfigCheckResult): string {
  const lines = [
    ...result.errors.map((e) => `error: ${e.message}`),
    ...result.warnings.map((w) => `warning: ${w.message}`),
  ];
  if (result.ok) {
    const counts = Object.entries(result.summary.resources).map(([t, n]) => `${n} ${t}`).join(', ');
    lines.push(`configuration OK: director ${result.summary.directorName ?? '?'}, ${result.summary.files} files, ${counts}`);
  } else lines.push(`configuration has ${result.errors.length} error(s)`);
  return `${lines.join('\n')}\n`;
}

interface Collected {
  readonly config: DirectorConfig | undefined;
  readonly errors: ConfigError[];
  readonly warnings: readonly ConfigWarning[];
}

function loadCollecting(path: string, options: LoadOptions): Collected {
  const source = options.source ?? fileSystemSource;
  return collect(path, () => {
    const roots = configRoots(path);
    if (roots.length === 1 && roots[0] !== undefined) return parseConfigText(source.readFile(roots[0]), roots[0], { source });
    return parseConfigFiles(roots, { source });
  });
}

/** Syntax and file errors stop parsing (one error); model errors are all collected. */
function collect(rootFile: string, parse: () => ParsedConfig): Collected {
  let parsed: ParsedConfig;
  try {
    parsed = parse();
  } catch (err) {
    if (err instanceof ConfigError) return { config: undefined, errors: [err], warnings: [] };
    throw err;
  }
  const { config, diagnostics } = buildDirectorConfig(parsed, rootFile);
  return { config, errors: diagnostics.errors, warnings: diagnostics.warnings };
}

/** The root files for a path, following the Bareos layouts described above. */
export function configRoots(path: string): string[] {
  if (!isDirectory(path)) {
    if (!existsSync(path)) throw new ConfigFileError('no such file or directory', path);
    return [path];
  }
  const single = join(path, 'bareos-dir.conf');
  if (existsSync(single) && !isDirectory(single)) return [single];
  const tree = isDirectory(join(path, 'bareos-dir.d')) ? join(path, 'bareos-dir.d') : path;
  const files = globFiles(join(tree, '*', '*.conf'));
  if (files.length === 0) {
    throw new ConfigFileError(`no bareos-dir.conf, and no <type>/<name>.conf files under ${basename(tree)}`, path);
  }
  return files;
}
