export * from './limits.js';
export * from './codes.js';
export type * from './frames.js';
export { CLIENT_ACTIONS } from './frames.js';
export * from './validate.js';
export * from './read.js';
