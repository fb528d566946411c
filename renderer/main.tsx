/**
 * Start-up: open the local database (strict durability) with the encrypting codec, and meanwhile
 * load and render the first screen, the security gate (first run → create the PIN; later →
 * unlock; renderer/app/render-app.tsx). This entry holds only the database code, so that opening
 * the database (slow on a new profile) starts before the interface code is even evaluated; the
 * build preloads the first screen's code with it (renderer/vite.config.ts). Persistent storage is
 * asked for at once.
 *
 * URL switches for tests and demos: `?db=NAME` uses another local database, `?reset=1` deletes it
 * first (an empty database: the app asks for a new PIN), `?demo=0|1` turns the demo seed off or on.
 * `?codec=identity` (the at-rest scan's control run: data NOT encrypted) is accepted only in the
 * dev server or a build made with VITE_CODIAG_TEST_SWITCHES=1, and never in Electron.
 */
import { detectPlatform } from './platform';
import { identityCodec } from './storage/codec';
import { createDatabase, DEFAULT_DATABASE_NAME, openStorage } from './storage/database';
import { createSessionCodec } from './storage/encrypting-codec';

const sessionStore = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

/** The encrypted session journals left in sessionStorage (renderer/features/interview). */
async function clearJournals(): Promise<void> {
  const { clearAllJournals } = await import('./features/interview/draft-store');
  clearAllJournals(sessionStore());
}

/**
 * Test switches exist only in the dev server and in test builds; a release build drops them.
 * `MODE`, not `DEV`: a `vite build` run with NODE_ENV=test (from a test runner) is a production
 * mode build whose DEV flag is still true, and must not accept `?codec=identity`.
 */
const TEST_SWITCHES =
  import.meta.env.MODE === 'development' || import.meta.env.VITE_CODIAG_TEST_SWITCHES === '1';

/** `?reset=1`: deletes the database once; a reload must not wipe it again. */
async function resetOnce(params: URLSearchParams, name: string | undefined): Promise<void> {
  if (params.get('reset') !== '1') return;
  await createDatabase({ name }).delete();
  await clearJournals();
  params.delete('reset');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('db') ? `${DEFAULT_DATABASE_NAME}-${params.get('db')}` : undefined;
  const platform = detectPlatform();
  const controlRun =
    TEST_SWITCHES && platform.kind === 'browser' && params.get('codec') === 'identity';
  const codec = createSessionCodec();
  const storage = resetOnce(params, name).then(() =>
    openStorage({ name, codec: controlRun ? identityCodec : codec }),
  );
  // Settled before anything waits for it: a failure is shown by the first screen.
  storage.catch(() => undefined);
  const persistence = platform.persistence().catch(() => null);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const { renderApp } = await import('./app/render-app');
  renderApp(container, {
    storage,
    codec,
    platform,
    persistence,
    encryptStorage: !controlRun,
    insecureNotice: controlRun
      ? 'Mode de contrôle des tests : les données ne sont PAS chiffrées.'
      : null,
    demo:
      params.get('demo') === '1' ||
      (import.meta.env.VITE_DEMO === '1' && params.get('demo') !== '0'),
    onErased: clearJournals,
  });
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root');
  if (root) {
    root.textContent = `codiag n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`;
    root.setAttribute('role', 'alert');
  }
});
