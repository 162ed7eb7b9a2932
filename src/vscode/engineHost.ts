// The engine host: the one place the VS Code side runs checks. It holds the latest CheckReport (read by the
// tree, the status bar, diagnostics, context keys and the setup guide), runs one check at a time (a newer
// request cancels an older one), shows progress in the view, and re-checks only what a file edit touched.
import * as vscode from 'vscode';
import type { AwsFiles, CheckReport, ProfileCheck } from '../core/model';
import type { CheckOptions } from '../node/engine';
import { changedProfiles, profilesUsingCaches } from '../core/profileChanges';
import { mergeProfileChecks, rejudgeReport } from '../core/reportMerge';
import { Disposable } from './lifecycle';
import { errorText, type Log } from './log';
import type { Settings } from './settings';

/** Options of the engine's runChecks / checkProfile (a type only: the engine itself loads lazily). */
export type EngineCheckOptions = CheckOptions;

/** The engine as the host uses it; loaded lazily so activation reads no file and loads no SDK. */
export interface EngineApi {
  readAwsFiles(env: NodeJS.ProcessEnv): Promise<AwsFiles>;
  runChecks(o: EngineCheckOptions): Promise<CheckReport>;
  checkProfile(name: string, o: EngineCheckOptions): Promise<ProfileCheck>;
}

/** What changed: one profile, or (no profile) everything. */
export interface HostChange {
  profile?: string;
}

/** What the host needs from its surroundings (injected so tests and the bench can stand in). */
export interface EngineHostDeps {
  load: () => Promise<EngineApi>;
  log: Log;
  viewId: string;
  settings: () => Settings;
  env: () => NodeJS.ProcessEnv;
  /** Asks the user for an MFA code; used only when the user verifies a profile, never by automatic checks. */
  mfaCode?: (profile: string, serial: string) => Promise<string | undefined>;
}

/** Holds the latest report and runs checks for every front. */
export class EngineHost extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<HostChange>());
  /** Fires with a profile when one profile's check ends, with nothing when everything may have changed. */
  readonly onDidChange = this._onDidChange.event;

  /** The latest report (null until the first check ends). */
  report: CheckReport | null = null;
  /** The latest read of the AWS files. */
  files: AwsFiles | null = null;
  /** A whole-report check is running. */
  running = false;
  /** Profiles being re-checked one by one. */
  readonly runningProfiles = new Set<string>();
  /** Why the last run failed (shown as an error node), or null. */
  error: string | null = null;

  private engine: Promise<EngineApi> | undefined;
  private controller: AbortController | undefined;
  private generation = 0;
  private started = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly single = new Set<AbortController>();

  constructor(private readonly deps: EngineHostDeps) {
    super();
    this._register({
      dispose: () => {
        this.controller?.abort();
        for (const c of this.single) c.abort();
      },
    });
  }

  /** True when at least one of the two AWS files exists. */
  get hasAwsFiles(): boolean {
    return !!this.files && (this.files.config.text !== null || this.files.credentials.text !== null);
  }

  /** Starts the first check once (called when the view is first resolved or a command needs a report). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.busy = this.refresh();
    }
    return this.busy;
  }

  /** Resolves when no run is under way (including runs started while waiting). */
  async whenIdle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.busy) {
      seen = this.busy;
      await seen;
    }
  }

  private api(): Promise<EngineApi> {
    this.engine ??= this.deps.load();
    return this.engine;
  }

  /** The environment the engine sees: the chosen active profile acts as AWS_PROFILE, as in our terminals. */
  private env(s: Settings): NodeJS.ProcessEnv {
    const env = this.deps.env();
    return s.activeProfile ? { ...env, AWS_PROFILE: s.activeProfile } : env;
  }

  private rejudge(report: CheckReport, files: AwsFiles, offline = false): CheckReport {
    return rejudgeReport(report, files.analysis.problems.length, process.platform, offline);
  }

  private options(signal: AbortSignal, files: AwsFiles, s: Settings): EngineCheckOptions {
    const o: EngineCheckOptions = {
      env: this.env(s),
      files,
      offline: !s.networkChecks,
      timeoutMs: s.checkTimeoutMs,
      signal,
      log: (line) => this.deps.log.info(line),
    };
    if (s.proxy) o.proxy = s.proxy;
    return o;
  }

  private begin(): { gen: number; signal: AbortSignal } {
    this.controller?.abort();
    this.controller = new AbortController();
    return { gen: ++this.generation, signal: this.controller.signal };
  }

  private progress<T>(title: string, task: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: this.deps.viewId }, title }, task));
  }

  /** Re-reads the files and checks everything (cancels a run in progress). */
  refresh(): Promise<void> {
    const { gen, signal } = this.begin();
    this.started = true;
    this.running = true;
    this._onDidChange.fire({});
    const run = this.progress('Checking AWS prerequisites', async () => {
      const t0 = Date.now();
      try {
        const api = await this.api();
        const s = this.deps.settings();
        const files = await api.readAwsFiles(this.env(s));
        if (gen !== this.generation) return;
        this.files = files;
        // Listeners learn the file paths now (the watcher starts before the network checks end).
        this._onDidChange.fire({});
        const report = await api.runChecks({
          ...this.options(signal, files, s),
          onProfile: (c) => {
            if (gen === this.generation && this.report) {
              this.report = mergeProfileChecks(this.report, [c]);
              this._onDidChange.fire({ profile: c.name });
            }
          },
        });
        if (gen !== this.generation) return;
        this.report = report;
        this.error = null;
        this.deps.log.info(`Checked ${report.profiles.length} profile(s) in ${Date.now() - t0} ms.`);
      } catch (err) {
        if (gen !== this.generation) return;
        this.error = errorText(err);
        this.deps.log.error('The checks could not run', err);
      } finally {
        if (gen === this.generation) {
          this.running = false;
          this._onDidChange.fire({});
        }
      }
    });
    this.busy = run;
    return run;
  }

  /**
   * Live refresh after a file or cache changed: re-read the files, then re-check only the profiles the change
   * touched (all of them when nothing was checked yet or a full run was under way).
   */
  filesChanged(what: 'files' | 'caches'): Promise<void> {
    if (!this.started) return Promise.resolve();
    if (!this.report || this.running) return this.refresh();
    const { gen, signal } = this.begin();
    const run = (async () => {
      try {
        const api = await this.api();
        const s = this.deps.settings();
        const files = await api.readAwsFiles(this.env(s));
        if (gen !== this.generation) return;
        const before = this.files;
        this.files = files;
        const touched =
          what === 'caches' ? profilesUsingCaches(files.analysis.cli) : changedProfiles(before?.analysis.cli ?? null, files.analysis.cli);
        // The offline pass re-reads everything that is not a network call (file problems, steps, profile list).
        // The CLI on PATH did not change with a file: reuse the last probe (it costs ~0.6 s).
        const previous = this.report!;
        const offline = await api.runChecks({ ...this.options(signal, files, s), offline: true, cliInstalls: previous.cliInstalls });
        if (gen !== this.generation) return;
        const keep = previous.profiles.filter((p) => !touched.has(p.name) && offline.profiles.some((o) => o.name === p.name));
        const merged = { ...mergeProfileChecks(offline, keep), environment: previous.environment ?? offline.environment ?? null };
        const recheck = s.networkChecks && s.autoCheckOnFileChange ? offline.profiles.map((p) => p.name).filter((n) => touched.has(n)) : [];
        this.report = this.rejudge(merged, files, !s.networkChecks);
        this.error = null;
        for (const n of recheck) this.runningProfiles.add(n);
        this._onDidChange.fire({});
        if (recheck.length === 0) return;
        this.deps.log.info(`Files changed: re-checking ${recheck.join(', ')}.`);
        const o = this.options(signal, files, s);
        await Promise.all(
          recheck.map(async (name) => {
            try {
              const c = await api.checkProfile(name, o);
              if (gen !== this.generation || !this.report) return;
              this.report = this.rejudge(mergeProfileChecks(this.report, [c]), files);
            } finally {
              this.runningProfiles.delete(name);
              if (gen === this.generation) this._onDidChange.fire({ profile: name });
            }
          }),
        );
        if (gen === this.generation) this._onDidChange.fire({});
      } catch (err) {
        if (gen !== this.generation) return;
        this.error = errorText(err);
        this.deps.log.error('Re-reading the AWS files failed', err);
        this._onDidChange.fire({});
      } finally {
        if (gen !== this.generation) this.runningProfiles.clear();
      }
    })();
    this.busy = run;
    return run;
  }

  /** Checks one profile now (verify), updating the report in place. */
  async checkProfile(name: string): Promise<ProfileCheck | undefined> {
    await this.start();
    const files = this.files;
    if (!files) return undefined;
    const api = await this.api();
    const gen = this.generation;
    this.runningProfiles.add(name);
    this._onDidChange.fire({ profile: name });
    const controller = new AbortController();
    this.single.add(controller);
    try {
      const s = this.deps.settings();
      const c = await this.progress(`Checking profile ${name}`, () =>
        api.checkProfile(name, { ...this.options(controller.signal, files, s), offline: false, ...(this.deps.mfaCode ? { mfaCode: this.deps.mfaCode } : {}) }),
      );
      if (gen === this.generation && this.report) {
        this.report = this.rejudge(mergeProfileChecks(this.report, [c]), files);
      }
      return c;
    } finally {
      this.single.delete(controller);
      this.runningProfiles.delete(name);
      this._onDidChange.fire({ profile: name });
    }
  }

  /** Cancels the run in progress, if any. */
  cancel(): void {
    this.controller?.abort();
  }
}
