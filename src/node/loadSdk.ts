// Loads the AWS SDK chunk on first use, so activation never pays for it: bundled, `sdk.js` sits next to the
// calling bundle in dist/ (or, for the extension-host test bundle in out/test/, in ../../dist/); under tsx
// (tests, scripts) the TypeScript source `./sdk.ts` is required instead.
import type * as Sdk from './sdk';

/** The SDK chunk's exports. */
export type SdkModule = typeof Sdk;

let cached: SdkModule | undefined;

/** The SDK chunk, loaded once (synchronous require of local code: ≈60 ms the first time). */
export function loadSdk(): SdkModule {
  if (cached) return cached;
  // The SDK warns on stderr about Node < 22 at the first client; our terminal JSON and the editor's log don't want it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Computed names keep esbuild from inlining the chunk into the caller's bundle.
  const candidates = __filename.endsWith('.ts') ? ['./sdk'] : ['./sdk.js', '../../dist/sdk.js'];
  let lastError: unknown;
  for (const name of candidates) {
    try {
      cached = require(name) as SdkModule;
      return cached;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('the AWS SDK chunk (sdk.js) could not be loaded');
}

/** Closes the SDK's pooled connections if the chunk was ever loaded (so a terminal run can end at once). */
export function closeLoadedSdk(): void {
  cached?.closeSdkConnections();
}
