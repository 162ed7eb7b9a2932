// A Disposable base: everything a class creates is registered once and disposed with it, in reverse order.
import * as vscode from 'vscode';

/** Base class for objects that own listeners, watchers and other disposables. */
export abstract class Disposable implements vscode.Disposable {
  private readonly _toDispose: vscode.Disposable[] = [];
  private _disposed = false;

  /** Keeps `d` until this object is disposed (disposes it at once when already disposed). */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this._disposed) d.dispose();
    else this._toDispose.push(d);
    return d;
  }

  /** True after dispose(). */
  protected get isDisposed(): boolean {
    return this._disposed;
  }

  /** Disposes everything registered, last first; one failure does not stop the rest. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    while (this._toDispose.length) {
      try {
        this._toDispose.pop()!.dispose();
      } catch {
        // Disposing must never throw into VS Code's deactivate.
      }
    }
  }
}
