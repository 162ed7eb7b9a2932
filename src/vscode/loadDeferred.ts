// Loads the deferred chunk (engine, file writer, setup guide) on first use: bundled, `deferred.js` sits next to
// extension.js in dist/ (from the extension-host test bundle in out/test/: ../../dist/); under tsx the source.
import type * as Deferred from './deferred';

/** The deferred chunk's exports. */
export type DeferredModule = typeof Deferred;

let cached: DeferredModule | undefined;

/** The deferred chunk, loaded once. */
export function loadDeferred(): DeferredModule {
  if (cached) return cached;
  // Computed names keep esbuild from inlining the chunk into the activation bundle.
  const candidates = __filename.endsWith('.ts') ? ['./deferred'] : ['./deferred.js', '../../dist/deferred.js'];
  let lastError: unknown;
  for (const name of candidates) {
    try {
      cached = require(name) as DeferredModule;
      return cached;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('the deferred chunk (deferred.js) could not be loaded');
}
