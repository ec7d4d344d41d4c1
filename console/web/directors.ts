/**
 * The directors the gateway logs users in to, read from a bconsole.conf-style file (reference §8.3):
 * each Director resource with the Console chosen for it the way bconsole chooses. That Console must be
 * a PAM console (`Use Pam Authentication = yes` on the director): the gateway's own password only
 * opens the door, the user's PAM login decides who is logged in.
 */
import { loadBconsoleConfig, resolveBconsoleLogin, type BconsoleConfig } from '../../src/config/index.ts';
import { connectOptionsFromBconsole, type ConnectOptions } from '../../src/client/index.ts';

/** Connection settings for one director, everything but the PAM credentials. */
export interface DirectorTarget {
  readonly name: string;
  readonly consoleName: string;
  readonly connect: Omit<ConnectOptions, 'pam'>;
}

export function directorTargets(config: BconsoleConfig): DirectorTarget[] {
  return config.directors.map((director) => {
    const login = resolveBconsoleLogin(config, director.name);
    return {
      name: director.name,
      consoleName: login.consoleName,
      connect: {
        ...connectOptionsFromBconsole(login),
        timeoutMs: 15_000,
      },
    };
  });
}

export function loadDirectorTargets(file: string): DirectorTarget[] {
  return directorTargets(loadBconsoleConfig(file));
}
