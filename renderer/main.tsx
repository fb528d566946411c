/**
 * Start-up: open the local database (strict durability) with the encrypting codec, ask for
 * persistent storage, then render behind the security gate (first run → create the PIN; later →
 * unlock). The demo people, when built for `npm run web` (or `?demo=1`), are seeded after the
 * unlock, encrypted like everything else.
 *
 * URL switches for tests and demos: `?db=NAME` uses another local database, `?reset=1` deletes it
 * first (an empty database: the app asks for a new PIN), `?demo=0|1` turns the demo seed off or on.
 * `?codec=identity` (the at-rest scan's control run: data NOT encrypted) is accepted only in the
 * dev server or a build made with VITE_CODIAG_TEST_SWITCHES=1, and never in Electron.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createEmotionCache } from './app/emotion-cache';
import { defaultReferential, localToday, newId, type Services } from './app/services';
import { clearAllJournals } from './features/interview/draft-store';
import { SecurityGate } from './features/security/SecurityGate';
import { detectPlatform } from './platform';
import { SecuritySession } from './security/session';
import {
  DEFAULT_DATABASE_NAME,
  createDatabase,
  createSessionCodec,
  identityCodec,
  latestReferential,
  openStorage,
  seedDemoIfEmpty,
} from './storage';

const sessionStore = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

/**
 * Test switches exist only in the dev server and in test builds; a release build drops them.
 * `MODE`, not `DEV`: a `vite build` run with NODE_ENV=test (from a test runner) is a production
 * mode build whose DEV flag is still true, and must not accept `?codec=identity`.
 */
const TEST_SWITCHES =
  import.meta.env.MODE === 'development' || import.meta.env.VITE_CODIAG_TEST_SWITCHES === '1';

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('db') ? `${DEFAULT_DATABASE_NAME}-${params.get('db')}` : undefined;
  if (params.get('reset') === '1') {
    await createDatabase({ name }).delete();
    clearAllJournals(sessionStore());
    // Once only: a reload must not wipe the database again.
    params.delete('reset');
    const query = params.toString();
    history.replaceState(
      null,
      '',
      `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
    );
  }
  const platform = detectPlatform();
  const controlRun =
    TEST_SWITCHES && platform.kind === 'browser' && params.get('codec') === 'identity';
  const codec = createSessionCodec();
  const storage = await openStorage({ name, codec: controlRun ? identityCodec : codec });
  const demo =
    params.get('demo') === '1' || (import.meta.env.VITE_DEMO === '1' && params.get('demo') !== '0');
  const session = new SecuritySession({
    storage,
    codec,
    keychain: platform,
    encryptStorage: !controlRun,
    onUnlocked: demo
      ? async () => {
          await seedDemoIfEmpty(storage, localToday());
        }
      : undefined,
    // The window title may name the person of the open interview.
    onLocked: () => (document.title = 'Session verrouillée — codiag'),
    onErased: () => clearAllJournals(sessionStore()),
  });
  const persistence = await platform.persistence().catch(() => null);
  const services: Services = {
    storage,
    platform,
    // The latest verified référentiel received from the server (plain data, readable while locked).
    referential: await latestReferential(storage, defaultReferential).catch(
      () => defaultReferential,
    ),
    today: () => localToday(),
    now: () => new Date().toISOString(),
    newId,
    persistence,
    demo,
  };
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const cache = createEmotionCache();
  createRoot(container).render(
    <SecurityGate
      session={session}
      platform={platform}
      cache={cache}
      insecureNotice={
        controlRun ? 'Mode de contrôle des tests : les données ne sont PAS chiffrées.' : null
      }
    >
      <App services={services} cache={cache} />
    </SecurityGate>,
  );
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root');
  if (root) {
    root.textContent = `codiag n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`;
    root.setAttribute('role', 'alert');
  }
});
