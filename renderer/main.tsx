/**
 * Start-up: open the local database (strict durability), ask for persistent storage, seed the
 * demo people when built for `npm run web` (or `?demo=1`), then render.
 *
 * URL switches for tests and demos: `?db=NAME` uses another local database, `?reset=1` deletes it
 * first (an empty database), `?demo=0|1` turns the demo seed off or on.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createEmotionCache } from './app/emotion-cache';
import { defaultReferential, localToday, newId, type Services } from './app/services';
import { detectPlatform } from './platform';
import { DEFAULT_DATABASE_NAME, createDatabase, openStorage, seedDemoIfEmpty } from './storage';

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const name = params.get('db') ? `${DEFAULT_DATABASE_NAME}-${params.get('db')}` : undefined;
  if (params.get('reset') === '1') {
    await createDatabase({ name }).delete();
    // Once only: a reload must not wipe the database again.
    params.delete('reset');
    const query = params.toString();
    history.replaceState(
      null,
      '',
      `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
    );
  }
  const storage = await openStorage({ name });
  const platform = detectPlatform();
  const demo =
    params.get('demo') === '1' || (import.meta.env.VITE_DEMO === '1' && params.get('demo') !== '0');
  if (demo) await seedDemoIfEmpty(storage, localToday());
  const persistence = await platform.persistence().catch(() => null);
  const services: Services = {
    storage,
    platform,
    referential: defaultReferential,
    today: () => localToday(),
    now: () => new Date().toISOString(),
    newId,
    persistence,
    demo,
  };
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  createRoot(container).render(<App services={services} cache={createEmotionCache()} />);
}

start().catch((error: unknown) => {
  console.error(error);
  const root = document.getElementById('root');
  if (root) {
    root.textContent = `codiag n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`;
    root.setAttribute('role', 'alert');
  }
});
