import { describe, expect, it } from 'vitest';
import { parseDirectorConfigText } from '../../src/config/index.ts';

describe('defaults', () => {
  it('Director: Bareos defaults and tsbareos extension defaults', () => {
    const { director } = parseDirectorConfigText('Director { Name = d; Password = p }');
    expect(director).toMatchObject({
      port: 9101, maximumConsoleConnections: 20, tlsEnable: true, tlsRequire: true, tlsVerifyPeer: false,
      tlsAllowedCn: [], addresses: [], pamServiceName: 'bareos', pamTimeout: 60, maximumConcurrentPam: 16,
      handshakeTimeout: 10, maximumPendingConnections: 1000, authFailureDelay: 2, refuseVersionlessHello: false,
      loginFailureLimit: 10, loginFailureWindow: 300,
    });
    expect(director.address).toBeUndefined();
    expect(director.pamHelper).toBeUndefined();
    expect(director.dataDirectory).toBeUndefined();
  });

  it('Console, User and Profile: TLS on, PAM off, ACLs empty', () => {
    const config = parseDirectorConfigText('Director { Name = d; Password = p }\nConsole { Name = c; Password = p }\nUser { Name = u }');
    expect(config.consoles[0]).toMatchObject({
      usePamAuthentication: false, tlsEnable: true, tlsRequire: true, tlsVerifyPeer: false, allowCleartextPam: false,
      profile: [], job: [], command: [], where: [], pluginoptions: [],
    });
    expect(config.consoles[0]?.certificateIdentity).toBeUndefined();
    expect(config.users[0]).toMatchObject({ profile: [], catalog: [] });
  });

  it('light views: Job enabled with priority 10, Client port 9102, Pool type Backup', () => {
    const config = parseDirectorConfigText('Director { Name = d; Password = p }\nJob { Name = j }\nClient { Name = c }\nPool { Name = p }');
    expect(config.jobs[0]).toMatchObject({ enabled: true, priority: 10, storage: [] });
    expect(config.clients[0]).toMatchObject({ enabled: true, port: 9102 });
    expect(config.pools[0]?.poolType).toBe('Backup');
  });
});
