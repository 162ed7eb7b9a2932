// Loads a separately bundled chunk (dist/NAME.js) on first use, so activation never pays for it.
// Bundled, the chunk sits beside the calling bundle in dist/ (or, from the extension-host test bundle in
// out/test/, in ../../dist/); under tsx (tests, scripts) the TypeScript source `./NAME` is loaded instead.

/** A lazily loaded chunk: `load()` loads it once; `loaded()` is the chunk if it was ever loaded. */
export interface Chunk<T> {
  load(): T;
  loaded(): T | undefined;
}

/**
 * A chunk named NAME. `localRequire` must be the caller's own `(id) => require(id)`, so ids resolve
 * beside the caller; the computed ids also keep esbuild from inlining the chunk into the caller's bundle.
 */
export function chunk<T>(name: string, localRequire: (id: string) => unknown): Chunk<T> {
  let cached: T | undefined;
  return {
    loaded: () => cached,
    load: () => {
      if (cached) return cached;
      const candidates = __filename.endsWith('.ts') ? [`./${name}`] : [`./${name}.js`, `../../dist/${name}.js`];
      let lastError: unknown;
      for (const id of candidates) {
        try {
          cached = localRequire(id) as T;
          return cached;
        } catch (e) {
          lastError = e;
        }
      }
      throw lastError instanceof Error ? lastError : new Error(`the ${name}.js chunk could not be loaded`);
    },
  };
}
