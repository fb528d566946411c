/**
 * Who may call the IPC handlers: only the main frame of a codiag window showing app://codiag.
 * An iframe, a popup or a page that navigated elsewhere gets nothing, whatever it sends.
 */
import { isAppUrl } from './app-origin';

/** The parts of Electron's `event.senderFrame` and `event.sender` this check needs. */
export interface SenderDescriptor {
  /** `event.senderFrame?.url`; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null;
  /** `event.senderFrame.parent === null`. */
  isMainFrame: boolean;
  /** `event.sender.id`. */
  webContentsId: number;
}

export type SenderDecision = { trusted: true } | { trusted: false; reason: string };

export function checkSender(
  sender: SenderDescriptor,
  trustedWebContentsIds: ReadonlySet<number>,
): SenderDecision {
  if (sender.frameUrl === null) return { trusted: false, reason: 'sender frame is gone' };
  if (!sender.isMainFrame) return { trusted: false, reason: 'sender is a subframe' };
  if (!isAppUrl(sender.frameUrl)) return { trusted: false, reason: 'sender is not app://codiag' };
  if (!trustedWebContentsIds.has(sender.webContentsId)) {
    return { trusted: false, reason: 'sender is not a codiag window' };
  }
  return { trusted: true };
}
