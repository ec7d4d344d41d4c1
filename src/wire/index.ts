export * from './errors.ts';
export * from './signals.ts';
export * from './frame.ts';
export * from './response.ts';
export * from './hello.ts';
