// Lets the plain .mjs scripts (exthost, electron, start) use the TypeScript helpers in test/support/:
// tsx's ESM and CommonJS hooks, and the CommonJS exports unwrapped.
import { register } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

register();
registerCjs();

/** Imports a .ts module by a path relative to scripts/ and returns its exports (tsx compiles it as CommonJS). */
export async function loadTs(relPath) {
  const m = await import(new URL(relPath, import.meta.url).href);
  return m.default ?? m;
}
