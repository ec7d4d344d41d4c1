export { PamAuthenticator } from './authenticator.ts';
export { pamAvailability, type PamAvailability, type PamAvailabilityOptions } from './availability.ts';
export { PamCode, pamCodeName, type PamCodeName } from './codes.ts';
export {
  PAM_RESULT_CHANNEL,
  PAM_START_CHANNEL,
  type PamResultEvent,
  type PamStartEvent,
} from './diagnostics.ts';
export { PamFieldError, PamFrameTooLargeError, PamProtocolError } from './errors.ts';
export { DEFAULT_HELPER_PATH } from './helper-path.ts';
export {
  HelperMessageDecoder,
  MAX_FRAME_BODY,
  MAX_TEXT_BYTES,
  MessageType,
  encodeAnswer,
  encodeCancel,
  encodeHelperMessage,
  encodeStart,
  type HelperMessage,
  type PamStage,
} from './protocol.ts';
export type {
  DirectPamRequest,
  InteractivePamRequest,
  PamAuthenticatorOptions,
  PamBackend,
  PamConversation,
  PamFailure,
  PamFailureReason,
  PamFailureStage,
  PamRequest,
  PamResult,
  PamRound,
} from './types.ts';
