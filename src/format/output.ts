/**
 * What a command writes to. The director's session implements it per api mode:
 *  - api 0/1: `send` text goes out as data frames; typed messages go out as text (api 1 adds signals);
 *  - api 2:   text is dropped, `setResult`/arrays build the JSON-RPC `result`, typed messages go to
 *             `messages.{error,warning,info}`, and any error turns the reply into the error envelope.
 * Commands never see frames or sockets.
 */
export type ApiMode = 0 | 1 | 2;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface RangeMeta {
  readonly limit?: number;
  readonly offset?: number;
  readonly filtered: number;
}

export interface CommandOutput {
  readonly api: ApiMode;
  /** Plain output text (api 0/1). Ignored in api 2. */
  send(text: string): void;
  /** Typed messages; an error marks the command failed in api 2. Text should end with "\n". */
  error(text: string): void;
  warning(text: string): void;
  info(text: string): void;
  /** api 2: a member of `result`, in insertion order. Ignored in api 0/1. */
  setResult(key: string, value: JsonValue): void;
  /**
   * api 2: a member of `result` holding an array streamed item by item, so a million rows never sit
   * in memory at once. Ignored in api 0/1.
   */
  openArray(key: string): void;
  pushItem(value: JsonValue): void;
  closeArray(): void;
  /** api 2: `meta.range`, appended as the last member of `result`. */
  setRange(range: RangeMeta): void;
  /** Wait until the connection has room again (backpressure). Call every few hundred rows. */
  flush(): Promise<void>;
}
