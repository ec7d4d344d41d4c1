/**
 * The one place that loads @peculiar/x509: the Reflect polyfill must be evaluated before the library
 * (import order is evaluation order), and the library must use node's webcrypto.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// node's webcrypto implements the DOM `Crypto` interface the library is typed against.
export const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

export { x509 };
