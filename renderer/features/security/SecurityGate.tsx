/**
 * Shows the app only while the session is unlocked; otherwise the first-run or the unlock page.
 * Locking unmounts the whole app, so no decrypted record stays in React state; unlocking mounts it
 * again on the same route (the hash is untouched), so they return to where they were. While
 * unlocked it arms the idle lock (stored delay, default 5 minutes) and listens for the system's
 * suspend / screen lock (Electron). The app behind the gate may be loaded on demand: it is asked
 * to load (`prepareApp`) once the PIN screen is shown.
 */
import type { EmotionCache } from '@emotion/react';
import { CacheProvider } from '@emotion/react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { theme } from '../../app/theme';
import type { Platform } from '../../platform';
import { createIdleLock } from '../../security/idle-lock';
import type { SecuritySession } from '../../security/session';
import { EnrolPage } from './EnrolPage';
import { SecurityContext } from './security-context';
import { UnlockPage } from './UnlockPage';

/** What counts as activity for the idle lock. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

function Frame({ cache, children }: { cache: EmotionCache; children: ReactNode }) {
  return (
    <CacheProvider value={cache}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </CacheProvider>
  );
}

export function SecurityGate(props: {
  session: SecuritySession;
  platform: Platform;
  cache: EmotionCache;
  /** Shown above everything in the at-rest scan's control run (data NOT encrypted). */
  insecureNotice?: string | null;
  /** Starts loading a lazy app once the PIN screen is shown (may be called more than once). */
  prepareApp?: () => void;
  children: ReactNode;
}) {
  const { session, platform, prepareApp } = props;
  const state = useSyncExternalStore(session.subscribe, session.getSnapshot);

  useEffect(() => {
    void session.start();
  }, [session]);

  const onPinScreen = state.kind === 'enrol' || state.kind === 'locked';
  useEffect(() => {
    if (!onPinScreen || !prepareApp) return;
    // The app comes next: it starts loading once this screen has been painted (not before, so
    // that evaluating it cannot delay that paint), while the professional types the code.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(prepareApp, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [onPinScreen, prepareApp]);

  // Electron: the window waits for this before closing (nothing is pending while locked).
  useEffect(() => platform.onCloseRequest(() => session.flushPending()), [session, platform]);

  useEffect(() => {
    if (state.kind !== 'unlocked') return;
    let disposed = false;
    let idle: ReturnType<typeof createIdleLock> | null = null;
    void session.idleLockMs().then((ms) => {
      if (disposed) return;
      idle = createIdleLock(ms, (reason) => void session.lock(reason), {
        now: Date.now,
        setTimer: (fn, delay) => setTimeout(fn, delay),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      });
    });
    const onActivity = () => idle?.activity();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    }
    const offSystem = platform.onSystemLock(() => void session.lock('suspend'));
    return () => {
      disposed = true;
      idle?.dispose();
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
      offSystem();
    };
  }, [state, session, platform]);

  const notice = props.insecureNotice ? (
    <Alert severity="error" variant="filled" sx={{ borderRadius: 0 }}>
      {props.insecureNotice}
    </Alert>
  ) : null;

  let page: ReactNode;
  switch (state.kind) {
    case 'unlocked':
      return (
        <SecurityContext.Provider value={session}>
          {notice}
          {props.children}
        </SecurityContext.Provider>
      );
    case 'starting':
      // While the database opens: the page's own boot line (index.html), not MUI's progress, so
      // that the first screen renders the theme and its styles once.
      return (
        <p className="boot" role="status">
          Ouverture de codiag…
        </p>
      );
    case 'enrol':
      page = <EnrolPage session={session} />;
      break;
    case 'locked':
      page = (
        <UnlockPage
          session={session}
          reason={state.reason}
          keychainRefusal={state.keychainRefusal}
        />
      );
      break;
    case 'failed':
      page = (
        <Box component="main" sx={{ maxWidth: 640, mx: 'auto', p: 3 }}>
          <Alert severity="error" role="alert">
            {state.message}
          </Alert>
        </Box>
      );
      break;
  }
  return (
    <Frame cache={props.cache}>
      {notice}
      {page}
    </Frame>
  );
}
