// The deferred chunk (dist/deferred.js: engine, file writer, setup guide), loaded when the view first shows.
import type * as Deferred from './deferred';
import { chunk } from '../node/chunkLoader';

/** The deferred chunk's exports. */
export type DeferredModule = typeof Deferred;

const deferred = chunk<DeferredModule>('deferred', (id) => require(id));

/** The deferred chunk, loaded once. */
export function loadDeferred(): DeferredModule {
  return deferred.load();
}
