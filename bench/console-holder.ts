/**
 * A helper process that holds many connections to a director so the bench process stays light:
 *   login  - N logged-in idle consoles (cleartext, default console)
 *   silent - N connections that never send a byte
 * Reads commands from stdin ("report" -> one JSON line on stdout); exits when stdin closes.
 *   node bin/run-ts.js bench/console-holder.ts MODE PORT COUNT PASSWORD
 */
import { createInterface } from 'node:readline';
import { connect, type Socket } from 'node:net';
import { loginOn, openSocket, type LoginTarget } from './login-client.ts';

const [mode = 'login', portText = '0', countText = '0', password = ''] = process.argv.slice(2);
const port = Number(portText);
const count = Number(countText);
const open = new Set<Socket>();
let failed = 0;
let firstError: string | undefined;

function hold(socket: Socket): void {
  open.add(socket);
  socket.on('error', () => undefined);
  socket.once('close', () => open.delete(socket));
}

async function loginAll(): Promise<void> {
  const target: LoginTarget = { host: '127.0.0.1', port, transport: 'cleartext', name: '*UserAgent*', password };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      try {
        const socket = await openSocket(target);
        await loginOn(socket, target);
        hold(socket);
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function silentAll(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    hold(socket);
    socket.once('error', (error) => {
      failed++;
      firstError ??= error.message;
    });
    // Pace the SYNs a little so the listen backlog is not what refuses them.
    if (i % 500 === 499) await new Promise((r) => setTimeout(r, 20));
  }
}

const ready = mode === 'silent' ? silentAll() : loginAll();
const report = (): void => {
  process.stdout.write(`${JSON.stringify({ open: open.size, failed, firstError })}\n`);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'report') void ready.then(report);
}).on('close', () => {
  for (const s of open) s.destroy();
  process.exit(0);
});
