export * from './ast.ts';
export * from './errors.ts';
export { Lexer, tokenize, type LexMode, type Token, type TokenKind } from './lexer.ts';
export { parseConfigText, parseConfigFiles, MAX_BLOCK_DEPTH, type ParsedConfig, type ParseOptions } from './parser.ts';
export {
  fileSystemSource, MAX_CONFIG_FILE_BYTES, MAX_CONFIG_FILES, MAX_INCLUDE_DEPTH, type ConfigSource,
} from './source.ts';
export { parseBool, parseDuration, parseInteger, parseSize } from './values.ts';
export * from './schema.ts';
export { rawDirective, type ConfigWarning, type ResourceMeta, type TypedResource } from './resource.ts';
export * from './director.ts';
export * from './load.ts';
export {
  aclEntryMatches, aclListAllows, compileAclPattern, hasRestrictions, isAclPattern, isValidAclItemName, UserAcl,
} from './acl.ts';
export * from './bconsole.ts';
