/**
 * Tells every codiag window to lock the session when the machine suspends or the screen locks (a
 * laptop closed in a corridor must not reopen on a beneficiary's file) or on the menu command.
 * The renderer subscribes through the preload's `onLock`; the idle timer itself lives there.
 */
import { LOCK_EVENT_CHANNEL, type LockReason } from '../../shared/ipc/channels';
import type { LockEvent } from '../../shared/ipc/contract';

/** powerMonitor events that lock the session, and the reason sent for each. */
export const LOCKING_POWER_EVENTS = {
  suspend: 'suspend',
  'lock-screen': 'lock-screen',
} as const satisfies Record<string, LockReason>;

export type LockingPowerEvent = keyof typeof LOCKING_POWER_EVENTS;

export interface LockTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: LockEvent): void;
}

export function createLockNotifier(targets: () => readonly LockTarget[]) {
  return {
    notify(reason: LockReason): number {
      const payload: LockEvent = { reason };
      let sent = 0;
      for (const target of targets()) {
        if (target.isDestroyed()) continue;
        target.send(LOCK_EVENT_CHANNEL, payload);
        sent += 1;
      }
      return sent;
    },
  };
}
