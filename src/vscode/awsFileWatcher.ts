// Live refresh: watches the config and credentials files — through their folders, because editors and
// `aws configure` replace a file (write a temp file, rename) rather than change it — and the IAM Identity Center
// and `aws login` caches. Events are debounced, then the engine host re-reads and re-checks what changed.
// The files' folders are watched with the OS's notifications (src/node/folderWatch.ts: milliseconds); VS Code's
// file watcher (which batches for ~100–200 ms) covers the caches, a folder that does not exist yet, and any
// folder the OS watch refuses.
import * as vscode from 'vscode';
import { watchFolder } from '../node/folderWatch';
import type { EngineHost } from './engineHost';
import { Disposable } from './lifecycle';
import type { Log } from './log';

/** How long to wait for a burst of events (an editor's save is several) to end. */
export const DEBOUNCE_MS = 30;

const parent = (p: string) => vscode.Uri.joinPath(vscode.Uri.file(p), '..');
const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
const glob = (s: string) => s.replace(/[{}[\]*?]/g, (c) => `[${c}]`);

/** Watches what the report was read from; re-creates its watchers when the file paths change. */
export class AwsFileWatcher extends Disposable {
  private watchers: vscode.Disposable[] = [];
  /** Folders watched by VS Code's watcher only, with the file names wanted in each. */
  private fallback = new Map<string, Set<string>>();
  private key = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: 'files' | 'caches' | undefined;
  /** When the last event arrived (for the live-refresh measurement). */
  lastEventAt = 0;

  constructor(
    private readonly host: EngineHost,
    private readonly log: Log,
  ) {
    super();
    this._register(host.onDidChange((e) => e.profile === undefined && this.follow()));
    // A folder that did not exist (no ~/.aws yet) gets its OS watch once it appears.
    this._register(host.onDidChange((e) => e.profile === undefined && this.retryOs()));
    this._register({
      dispose: () => {
        if (this.timer) clearTimeout(this.timer);
        for (const w of this.watchers) w.dispose();
      },
    });
  }

  private follow(): void {
    const f = this.host.files;
    if (!f) return;
    const key = `${f.configFile}\0${f.credentialsFile}`;
    if (key === this.key) return;
    this.key = key;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.fallback.clear();
    const folders = new Map<string, Set<string>>();
    for (const file of [f.configFile, f.credentialsFile]) {
      const dir = parent(file).fsPath;
      const names = folders.get(dir) ?? new Set<string>();
      names.add(glob(base(file)));
      folders.set(dir, names);
    }
    for (const [dir, names] of folders) {
      const wanted = new Set([f.configFile, f.credentialsFile].filter((p) => parent(p).fsPath === dir).map(base));
      if (!this.watchOs(dir, wanted)) {
        this.fallback.set(dir, wanted);
        // Non-recursive: only the files themselves (created, changed, replaced or deleted) in their folder.
        const pattern = names.size === 1 ? [...names][0]! : `{${[...names].join(',')}}`;
        this.watch(new vscode.RelativePattern(vscode.Uri.file(dir), pattern), 'files');
      }
      // The caches sit under the config file's folder (~/.aws/sso/cache, ~/.aws/login/cache).
      this.watch(new vscode.RelativePattern(vscode.Uri.file(dir), '{sso,login}/cache/*.json'), 'caches');
    }
    // When the folder itself does not exist yet, its creation (a first `aws configure`) must still be seen.
    const dirs = [...folders.keys()];
    for (const dir of dirs) {
      this.watch(new vscode.RelativePattern(parent(dir), glob(base(dir))), 'files');
    }
    this.log.debug(`Watching ${dirs.join(', ')} for changes to the AWS files and sign-in caches.`);
  }

  private retryOs(): void {
    for (const [dir, names] of this.fallback) if (this.watchOs(dir, names)) this.fallback.delete(dir);
  }

  /** Watches a folder with the OS; false when it cannot (missing folder…), so VS Code's watcher is used. */
  private watchOs(dir: string, names: Set<string>): boolean {
    try {
      const w = watchFolder(
        dir,
        (name) => (name === '' || names.has(name)) && this.changed('files', vscode.Uri.file(`${dir}/${name}`)),
        (err) => {
          this.log.debug(`Watching ${dir} stopped (${err.message}); watching again.`);
          this.key = '';
          this.follow();
        },
      );
      this.watchers.push({ dispose: () => w.close() });
      return true;
    } catch {
      return false;
    }
  }

  private watch(pattern: vscode.RelativePattern, what: 'files' | 'caches'): void {
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    const fire = (uri: vscode.Uri) => this.changed(what, uri);
    this.watchers.push(w, w.onDidCreate(fire), w.onDidChange(fire), w.onDidDelete(fire));
  }

  private changed(what: 'files' | 'caches', uri: vscode.Uri): void {
    this.lastEventAt = Date.now();
    this.log.debug(`Changed: ${uri.fsPath}`);
    // A file change outranks a cache change: re-reading the files covers both.
    this.pending = this.pending === 'files' || what === 'files' ? 'files' : 'caches';
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const w = this.pending ?? 'files';
      this.pending = undefined;
      void this.host.filesChanged(w);
    }, DEBOUNCE_MS);
  }
}
