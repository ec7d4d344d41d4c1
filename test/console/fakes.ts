/** Fakes for view-model tests (not a test file): a director target and a scripted client. */
import type { Encryption, JsonValue, OutputEnd } from '../../src/client/index.ts';
import { ClientClosedError } from '../../src/client/index.ts';
import type { ConsoleClient } from '../../console/tui/model/session.ts';
import type { DirectorTarget } from '../../console/tui/targets.ts';

export function fakeTarget(label = 'test-dir', consoleName = 'pamconsole'): DirectorTarget {
  return { label, consoleName, options: { host: '127.0.0.1', port: 9101, name: consoleName, password: 'pw', tls: 'psk' } };
}

export interface ScriptedAnswer {
  readonly chunks: readonly string[];
  readonly end?: OutputEnd;
  /** Never finishes until close() (a director that stopped answering). */
  readonly hang?: boolean;
}

/** Answers commands from a table; records what was sent. */
export class FakeClient implements ConsoleClient {
  readonly sent: string[] = [];
  closed = false;
  readonly encryption: Encryption = { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' };
  readonly loggedInAs = 'alice';
  readonly directorName = 'test-dir';
  readonly banner = 'You are logged in as: alice';
  private wake: (() => void) | undefined;

  constructor(private readonly script: (command: string) => ScriptedAnswer = () => ({ chunks: [] })) {}

  async *stream(command: string): AsyncGenerator<string, OutputEnd, undefined> {
    if (this.closed) throw new ClientClosedError();
    this.sent.push(command);
    const answer = this.script(command);
    for (const chunk of answer.chunks) yield chunk;
    if (answer.hang) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      return 'closed';
    }
    return answer.end ?? 'eod';
  }

  async call(command: string): Promise<string> {
    let text = '';
    for await (const chunk of this.stream(command)) text += chunk;
    return text;
  }

  async callJson(command: string): Promise<JsonValue> {
    return JSON.parse(await this.call(command)) as JsonValue;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
