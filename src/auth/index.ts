export * from './base64.ts';
export * from './password.ts';
export * from './errors.ts';
export * from './cram-md5.ts';
export * from './psk.ts';
