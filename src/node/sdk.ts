// The AWS SDK chunk: everything that imports @aws-sdk/* lives behind this module,
// which is bundled on its own (dist/sdk.js) and loaded on the first network check.
export {};
export * from './sdkSso';
export * from './sdkSts';
