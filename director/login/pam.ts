/**
 * What the login needs from PAM, independent of how PAM runs (the out-of-process helper in
 * src/auth/pam). A round is one thing to show the console: a prompt (info/error texts already
 * folded into its text) or a notice that no prompt follows.
 */
export type PamRound = { readonly kind: 'prompt'; readonly echo: boolean; readonly text: string } | { readonly kind: 'notice'; readonly text: string };

export type PamOutcome =
  | { readonly ok: true; readonly user: string }
  | { readonly ok: false; readonly reason: string; readonly message: string; readonly pamCodeName?: string | undefined };

export type PamRequest =
  | { readonly mode: 'interactive'; readonly rhost: string; readonly signal?: AbortSignal; conversation(round: PamRound): Promise<string | undefined> }
  | { readonly mode: 'direct'; readonly user: string; readonly password: string; readonly rhost: string; readonly signal?: AbortSignal };

export interface PamService {
  authenticate(request: PamRequest): Promise<PamOutcome>;
}

/** Used when the director has no working PAM: every PAM console is refused with this reason. */
export class UnavailablePam implements PamService {
  constructor(private readonly why: string) {}
  authenticate(): Promise<PamOutcome> {
    return Promise.resolve({ ok: false, reason: 'pam_unavailable', message: this.why });
  }
}
