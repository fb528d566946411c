/**
 * The first screen: the security gate (create or type the personal code) over the app, rendered
 * while the database is still opening. The app itself (every repository, schema, form and page,
 * renderer/app/unlocked-app.tsx) is not needed to show the gate: it loads once the gate is on
 * screen, while the professional types the code, and the session waits for it before it unlocks.
 */
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { SecurityGate } from '../features/security/SecurityGate';
import type { Platform } from '../platform';
import { SecuritySession } from '../security/session';
import type { StorageContext } from '../storage/database';
import type { SessionCodec } from '../storage/encrypting-codec';
import type { PersistenceInfo } from '../storage/persistence';
import { createEmotionCache } from './emotion-cache';

export interface RenderAppDeps {
  /** The database being opened. */
  storage: Promise<StorageContext>;
  codec: SessionCodec;
  platform: Platform;
  persistence: Promise<PersistenceInfo | null>;
  /** False only in the at-rest scan's control run (identity codec). */
  encryptStorage: boolean;
  insecureNotice: string | null;
  demo: boolean;
  /** After the local database was erased (forgotten PIN). */
  onErased: () => Promise<void>;
}

/** The app could not be loaded: said on the screen instead of the app (session.ts `failed`). */
class AppLoadError extends Error {
  readonly userMessage: string;
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`the app could not be loaded: ${detail}`, { cause });
    this.name = 'AppLoadError';
    this.userMessage = `codiag n'a pas pu démarrer : ${detail}`;
  }
}

export function renderApp(container: HTMLElement, deps: RenderAppDeps): void {
  const { platform } = deps;
  const cache = createEmotionCache();
  const loadApp = once(async () => {
    const [module, storage] = await Promise.all([import('./unlocked-app'), deps.storage]);
    const app = await module.createUnlockedApp({
      storage,
      platform,
      cache,
      persistence: deps.persistence,
      demo: deps.demo,
    });
    return app;
  });
  // Set before the session says it is unlocked (onUnlocked), so the gate never waits for it.
  let App: ComponentType | null = null;
  const session = new SecuritySession({
    storage: deps.storage,
    codec: deps.codec,
    keychain: platform,
    encryptStorage: deps.encryptStorage,
    onUnlocked: async () => {
      const app = await loadApp().catch((error: unknown) => {
        throw new AppLoadError(error);
      });
      if (deps.demo) await app.seedDemo();
      App = app.Component;
    },
    // The window title may name the person of the open interview.
    onLocked: () => (document.title = 'Session verrouillée — codiag'),
    onErased: deps.onErased,
  });
  function UnlockedApp() {
    return App ? <App /> : null;
  }
  createRoot(container).render(
    <SecurityGate
      session={session}
      platform={platform}
      cache={cache}
      prepareApp={() => void loadApp().catch(() => undefined)}
      insecureNotice={deps.insecureNotice}
    >
      <UnlockedApp />
    </SecurityGate>,
  );
}

/** Calls `load` the first time only; later calls share its promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}
