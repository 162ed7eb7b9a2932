// The AWS SDK chunk (dist/sdk.js), loaded on the first network check, never at activation.
import type * as Sdk from './sdk';
import { chunk } from './chunkLoader';

/** The SDK chunk's exports. */
export type SdkModule = typeof Sdk;

const sdk = chunk<SdkModule>('sdk', (id) => require(id));

/** The SDK chunk, loaded once (synchronous require of local code: ≈60 ms the first time). */
export function loadSdk(): SdkModule {
  // The SDK warns on stderr about Node < 22 at the first client; our terminal JSON and the editor's log don't want it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return sdk.load();
}

/** Closes the SDK's pooled connections if the chunk was ever loaded (so a terminal run can end at once). */
export function closeLoadedSdk(): void {
  sdk.loaded()?.closeSdkConnections();
}
