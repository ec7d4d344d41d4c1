import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator, pamAvailability } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('a PAM service with no service file', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('fails in pam_start with service_unavailable (pam_wrapper has no "other" fallback here)', async () => {
    const pam = new PamAuthenticator({ service: 'tsb-no-such-service', env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'service_unavailable', stage: 'start' });
  });

  it('is reported by pamAvailability for director -t', async () => {
    const missing = await pamAvailability({ service: 'tsb-no-such-service', env: fx!.env });
    expect(missing).toMatchObject({ helper: true, serviceFileFound: false });
    expect(missing.reason).toContain('no service file "tsb-no-such-service"');
    const present = await pamAvailability({ service: fx!.services.matrix, env: fx!.env });
    expect(present).toMatchObject({ helper: true, serviceFileFound: true });
    expect(present.reason).toContain(`${fx!.env.PAM_WRAPPER_SERVICE_DIR}/tsb-matrix`);
  });

  it('pamAvailability says when the helper is not built', async () => {
    const result = await pamAvailability({ service: 'bareos', helperPath: '/nonexistent/tsbareos-pam-helper', fallback: false });
    expect(result).toMatchObject({ helper: false, fallback: false });
    expect(result.reason).toContain('PAM unavailable');
  });
});
