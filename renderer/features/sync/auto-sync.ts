/**
 * When the laptop syncs by itself (issue 4): every few minutes while the app is idle (no key or
 * pointer input for a while), sooner when the browser says the network is back, with a growing
 * delay while the server stays unreachable; and a best-effort flush when the page goes away
 * (closing the window in Electron fires the same events).
 */
import type { SyncOutcome } from './sync-engine';

export interface AutoSyncOptions {
  run: () => Promise<SyncOutcome | null>;
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  intervalMs?: number;
  maxIntervalMs?: number;
  idleMs?: number;
  now?: () => number;
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'input'] as const;

export function startAutoSync(options: AutoSyncOptions): () => void {
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  const maxIntervalMs = options.maxIntervalMs ?? 30 * 60_000;
  const idleMs = options.idleMs ?? 30_000;
  const now = options.now ?? Date.now;
  const { target } = options;
  let lastActivity = now();
  let delay = intervalMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };
  const attempt = async () => {
    const outcome = await options.run().catch(() => 'error' as const);
    delay = outcome === 'offline' ? Math.min(maxIntervalMs, delay * 2) : intervalMs;
    schedule(delay);
  };
  const tick = async () => {
    const quietFor = now() - lastActivity;
    if (quietFor < idleMs) {
      schedule(idleMs - quietFor);
      return;
    }
    await attempt();
  };
  const onActivity = () => {
    lastActivity = now();
  };
  const onOnline = () => {
    delay = intervalMs;
    schedule(1_000);
  };
  const onLeave = () => {
    void options.run().catch(() => null);
  };
  for (const event of ACTIVITY_EVENTS) target.addEventListener(event, onActivity, true);
  target.addEventListener('online', onOnline);
  target.addEventListener('pagehide', onLeave);
  schedule(Math.min(intervalMs, 15_000));
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, onActivity, true);
    target.removeEventListener('online', onOnline);
    target.removeEventListener('pagehide', onLeave);
  };
}
