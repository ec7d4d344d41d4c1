export { connect } from './connect.ts';
export { DirectorClient, parseEnvelope, type CallOptions, type CallResult, type Encryption, type JsonValue, type OutputEnd } from './director-client.ts';
export * from './errors.ts';
export * from './options.ts';
export { FRAME_CHANNEL_NAME, type FrameChannelMessage, type TranscriptEntry, type TranscriptSink } from './transcript.ts';
export type { LoginResult } from './login.ts';
export { connectOptionsFromBconsole, type BconsoleConnectOptions } from './bconsole-login.ts';
