// Loads the engine on first use, from the deferred chunk (src/vscode/deferred.ts → dist/deferred.js), so
// activation reads no file and evaluates none of the engine; the engine loads the AWS SDK chunk on its first
// network check.
import type { EngineApi } from './engineHost';
import { loadDeferred } from './loadDeferred';

/** The engine's entry points, loaded lazily. */
export async function loadEngine(): Promise<EngineApi> {
  const d = loadDeferred();
  return {
    readAwsFiles: (env) => d.readAwsFiles(env),
    runChecks: (o) => d.runChecks(o),
    checkProfile: (name, o) => d.checkProfile(name, o),
  };
}
