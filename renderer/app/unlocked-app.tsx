/**
 * The app behind the lock screen, loaded on demand: the first screen (create or type the personal
 * code) shows without it, and it loads while the professional types the code. Builds the services
 * every screen needs (renderer/app/services.tsx), then the app.
 */
import type { EmotionCache } from '@emotion/react';
import type { ComponentType } from 'react';
import type { Platform } from '../platform';
import { latestReferential, seedDemoIfEmpty, type PersistenceInfo } from '../storage';
import type { StorageContext } from '../storage/database';
import { App } from './App';
import { defaultReferential, localToday, newId, type Services } from './services';

export interface UnlockedAppDeps {
  storage: StorageContext;
  platform: Platform;
  cache: EmotionCache;
  /** The answer to the request for persistent storage made at start-up. */
  persistence: Promise<PersistenceInfo | null>;
  demo: boolean;
}

export interface UnlockedApp {
  Component: ComponentType;
  /** The demo people (`npm run web`, `?demo=1`), seeded after each unlock, encrypted. */
  seedDemo: () => Promise<void>;
}

export async function createUnlockedApp(deps: UnlockedAppDeps): Promise<UnlockedApp> {
  const [persistence, referential] = await Promise.all([
    deps.persistence,
    // The latest verified référentiel received from the server (plain data, readable while locked).
    latestReferential(deps.storage, defaultReferential).catch(() => defaultReferential),
  ]);
  const services: Services = {
    storage: deps.storage,
    platform: deps.platform,
    referential,
    today: () => localToday(),
    now: () => new Date().toISOString(),
    newId,
    persistence,
    demo: deps.demo,
  };
  return {
    Component: function UnlockedApp() {
      return <App services={services} cache={deps.cache} />;
    },
    seedDemo: async () => {
      await seedDemoIfEmpty(deps.storage, localToday());
    },
  };
}
