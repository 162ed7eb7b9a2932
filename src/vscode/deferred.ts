// Entry of the deferred chunk (dist/deferred.js): everything the extension needs only once the view is shown
// or a command runs — the engine, the file writer, the setup guide. Kept out of the activation bundle so that
// activating costs a few milliseconds; the engine in turn loads the AWS SDK chunk (dist/sdk.js) on its first
// network check. Like src/node/sdk.ts, this file only names what the chunk exports.
export { checkProfile, runChecks } from '../node/engine';
export { readAwsFiles } from '../node/readAwsFiles';
export { fixPermissions, readForEdit, writeAtomic } from '../node/awsFileWriter';
export { openSetupGuide } from './setupGuide';
export { signInSsoProfile } from './ssoProfileSignIn';
