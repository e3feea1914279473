// The core's shared-folder rules (errors, the folder interface, layout, retry, push, queue), as one import.
export * from './errors';
export * from './folder';
export * from './layout';
export * from './retry';
export * from './push';
export * from './queue';
export * from './base64';
export * from './url';
