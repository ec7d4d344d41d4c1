/**
 * Hooks, not logs: the director subscribes and turns these into log lines and audit records.
 * Payloads never carry passwords, answers or prompt texts (a prompt may echo a user's input).
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { PamBackend, PamFailureReason, PamFailureStage } from './types.ts';

export const PAM_START_CHANNEL = 'tsbareos:pam:start';
export const PAM_RESULT_CHANNEL = 'tsbareos:pam:result';

export interface PamStartEvent {
  readonly id: number;
  readonly service: string;
  readonly mode: 'interactive' | 'direct';
  readonly backend: PamBackend;
  readonly rhost: string;
  /** Direct mode only: the user name the client claimed. */
  readonly user?: string;
  readonly pid?: number;
}

export interface PamResultEvent {
  readonly id: number;
  readonly ok: boolean;
  readonly user?: string;
  readonly reason?: PamFailureReason;
  readonly stage?: PamFailureStage;
  readonly pamCode?: number;
  readonly pamCodeName?: string;
  readonly message?: string;
  readonly durationMs: number;
}

export const pamStartChannel = diagnosticsChannel.channel(PAM_START_CHANNEL);
export const pamResultChannel = diagnosticsChannel.channel(PAM_RESULT_CHANNEL);
