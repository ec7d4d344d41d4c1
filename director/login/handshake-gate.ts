/**
 * At most a few TLS handshakes in progress at once. A handshake is a burst of public-key work done
 * on the event loop; two hundred consoles arriving together would otherwise be computed in the same
 * few loop turns, stalling every logged-in console meanwhile. Waiting connections are not read (the
 * kernel buffers their ClientHello) and still count against the handshake timeout.
 */
export class HandshakeGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a slot is free (FIFO). */
  async enter(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }
}
