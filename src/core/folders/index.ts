export * from './errors';
export * from './folder';
export * from './layout';
export * from './retry';
export * from './push';
export * from './queue';
export * from './base64';
