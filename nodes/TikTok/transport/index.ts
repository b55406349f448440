export * from './types';
export * from './errors';
export * from './retry';
export * from './business';
export * from './developers';
export * from './oembed';
export * from './download';
export * from './upload';
