/**
 * One codiag per session: a second launch must not open a second window on the same IndexedDB
 * (two writers, two idle timers). It hands over to the first instance, which comes to the front.
 */

export type StartupDecision = 'continue' | 'quit';

/** `gotLock` is what `app.requestSingleInstanceLock()` returned. */
export function decideStartup(gotLock: boolean): StartupDecision {
  return gotLock ? 'continue' : 'quit';
}

/** The parts of a BrowserWindow needed to bring it back. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** On `second-instance`: restore and focus the existing window; true when there was one. */
export function focusExistingWindow(window: FocusableWindow | null): boolean {
  if (window === null || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}
