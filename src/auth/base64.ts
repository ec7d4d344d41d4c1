/**
 * The two base64 encodings of CRAM-MD5 responses (reference §4.5). Same alphabet, no `=` padding.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Bareos' variant, inherited from Bacula: each byte is ORed into the accumulator sign-extended (so a
 * byte >= 0x80 turns leftover bits to 1), and a 2- or 4-bit tail is emitted right-aligned.
 */
export function bareosBase64(input: Uint8Array): string {
  let register = 0;
  let pending = 0;
  let out = '';
  for (const byte of input) {
    const signExtended = byte >= 0x80 ? byte - 0x100 : byte;
    register = (register << 8) | signExtended;
    pending += 8;
    while (pending >= 6) {
      pending -= 6;
      out += ALPHABET[(register >>> pending) & 0x3f];
    }
  }
  if (pending > 0) out += ALPHABET[register & ((1 << pending) - 1)];
  return out;
}

/** RFC 4648 base64 without padding: the "compatible" form a `cram-md5c` challenge asks for. */
export function compatibleBase64(input: Uint8Array): string {
  return Buffer.from(input).toString('base64').replace(/=+$/, '');
}
