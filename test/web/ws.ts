/** Drives the WebSocket login flow (/api/auth/ws) the way the page does. */
import WebSocket from 'ws';

export type LoginMessage =
  | { type: 'prompt'; echo: boolean; text: string }
  | { type: 'success'; code: string; user: string; director: string }
  | { type: 'error'; error: { code: string; message: string } };

export interface WsLoginRun {
  readonly prompts: Array<{ echo: boolean; text: string }>;
  readonly final: LoginMessage;
}

/** Opens the flow, sends start, answers each relayed prompt with `answer(prompt)`, returns the last message. */
export async function wsLogin(baseUrl: string, start: Record<string, unknown>, answer: (p: { echo: boolean; text: string }) => string, origin = baseUrl): Promise<WsLoginRun> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/auth/ws`, { origin });
  const prompts: Array<{ echo: boolean; text: string }> = [];
  return new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'start', ...start })));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as LoginMessage;
      if (message.type === 'prompt') {
        prompts.push({ echo: message.echo, text: message.text });
        ws.send(JSON.stringify({ type: 'answer', text: answer(message) }));
        return;
      }
      ws.close();
      resolve({ prompts, final: message });
    });
  });
}
