/**
 * BNET signals: a frame whose 32-bit header is negative carries no payload and means one of these.
 * Values and meanings from the Bareos console protocol reference, §1.3.
 */
export enum Signal {
  /** End of a command's output (api 0). */
  EndOfData = -1,
  EndOfDataPoll = -2,
  Status = -3,
  /** "I am closing": console on exit, director when refusing a connection before the session. */
  Terminate = -4,
  /** Director's answer to an unexpected signal at the command loop. */
  Poll = -5,
  Heartbeat = -6,
  HeartbeatResponse = -7,
  ObsoletePrompt = -8,
  Btime = -9,
  Break = -10,
  StartSelect = -11,
  EndSelect = -12,
  InvalidCommand = -13,
  CommandFailed = -14,
  CommandOk = -15,
  CommandBegin = -16,
  MessagesPending = -17,
  /** Ready for the next command (api >= 1). */
  MainPrompt = -18,
  SelectInput = -19,
  WarningMessage = -20,
  ErrorMessage = -21,
  InfoMessage = -22,
  RunCommand = -23,
  YesNo = -24,
  StartRestoreTree = -25,
  EndRestoreTree = -26,
  /** Waiting for a line of input (api 0). */
  SubPrompt = -27,
  TextInput = -28,
}

/** Bareos' own names, for logs and error messages. */
export const SIGNAL_NAMES: Readonly<Record<Signal, string>> = {
  [Signal.EndOfData]: 'BNET_EOD',
  [Signal.EndOfDataPoll]: 'BNET_EOD_POLL',
  [Signal.Status]: 'BNET_STATUS',
  [Signal.Terminate]: 'BNET_TERMINATE',
  [Signal.Poll]: 'BNET_POLL',
  [Signal.Heartbeat]: 'BNET_HEARTBEAT',
  [Signal.HeartbeatResponse]: 'BNET_HB_RESPONSE',
  [Signal.ObsoletePrompt]: 'BNET_xxxxxxPROMPT',
  [Signal.Btime]: 'BNET_BTIME',
  [Signal.Break]: 'BNET_BREAK',
  [Signal.StartSelect]: 'BNET_START_SELECT',
  [Signal.EndSelect]: 'BNET_END_SELECT',
  [Signal.InvalidCommand]: 'BNET_INVALID_CMD',
  [Signal.CommandFailed]: 'BNET_CMD_FAILED',
  [Signal.CommandOk]: 'BNET_CMD_OK',
  [Signal.CommandBegin]: 'BNET_CMD_BEGIN',
  [Signal.MessagesPending]: 'BNET_MSGS_PENDING',
  [Signal.MainPrompt]: 'BNET_MAIN_PROMPT',
  [Signal.SelectInput]: 'BNET_SELECT_INPUT',
  [Signal.WarningMessage]: 'BNET_WARNING_MSG',
  [Signal.ErrorMessage]: 'BNET_ERROR_MSG',
  [Signal.InfoMessage]: 'BNET_INFO_MSG',
  [Signal.RunCommand]: 'BNET_RUN_CMD',
  [Signal.YesNo]: 'BNET_YESNO',
  [Signal.StartRestoreTree]: 'BNET_START_RTREE',
  [Signal.EndRestoreTree]: 'BNET_END_RTREE',
  [Signal.SubPrompt]: 'BNET_SUB_PROMPT',
  [Signal.TextInput]: 'BNET_TEXT_INPUT',
};

export function isKnownSignal(value: number): value is Signal {
  return value <= -1 && value >= -28 && Number.isInteger(value);
}

export function signalName(value: number): string {
  return isKnownSignal(value) ? SIGNAL_NAMES[value] : `signal(${value})`;
}
