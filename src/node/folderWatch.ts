// Watches one folder (not recursive) with the OS's own notifications (inotify, FSEvents, ReadDirectoryChangesW).
// The sidebar uses it for the folder of the AWS files: it reports a replaced file within milliseconds, where
// VS Code's file watcher, built for workspaces, adds its own batching delay (~100–200 ms measured).
import { watch, type FSWatcher } from 'node:fs';

/** A running folder watch; close() stops it. */
export interface FolderWatch {
  close(): void;
}

/**
 * Calls `onChange(name)` for every change to an entry of `dir` (name may be '' when the OS does not say).
 * Throws when the folder cannot be watched (missing, not a folder, no permission): callers fall back then.
 * `onError` is called once if the watch breaks later (e.g. the folder is deleted).
 */
export function watchFolder(dir: string, onChange: (name: string) => void, onError: (err: Error) => void): FolderWatch {
  const w: FSWatcher = watch(dir, { persistent: false }, (_event, filename) => onChange(filename ? String(filename) : ''));
  let closed = false;
  w.on('error', (err) => {
    if (closed) return;
    closed = true;
    w.close();
    onError(err);
  });
  return {
    close() {
      closed = true;
      w.close();
    },
  };
}
