/**
 * The renderer in Debian's Chromium (issue 3): cold load of the built app to an interactive
 * agenda, keystroke-to-paint latency on the interview page, save latency next to a raw IndexedDB
 * put of the same record (the floor), the agenda with 10 000 stored interviews, and the JavaScript
 * the first screen loads (gzip). Everything is measured in the page (performance.now) and printed
 * as Markdown for docs/benchmarks.md; nothing here is asserted.
 *
 * `npm run bench -- renderer` builds the renderer twice into temporary folders: the release build,
 * and a test build (VITE_CODIAG_TEST_SWITCHES=1) whose `?codec=identity` lets the bench clone
 * 10 000 stored rows in the page (encrypted rows are bound to their id and cannot be cloned).
 * The listing is reported twice: from the unlock (PBKDF2 of the PIN included) and from the
 * agenda's data request (the `codiag:agenda-load` mark of AgendaPage) to the list on screen.
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const REPO = resolve(new URL('../', import.meta.url).pathname);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const COLD_RUNS = 7;
const KEYSTROKES = 200;
const SAVES = 40;
const STORED_INTERVIEWS = 10_000;
/** The drafts among them (one in ten), which the agenda lists. */
const LISTED_INTERVIEWS = STORED_INTERVIEWS / 10;
const LIST_RUNS = 5;
/**
 * `RENDERER_PARTS=cold,pin,keys,save,contract,list` runs only those parts (all by default), for quick
 * measurements while working on one of them; the tables for docs/benchmarks.md come from a full run.
 */
const PARTS = new Set(
  (process.env.RENDERER_PARTS ?? 'cold,pin,keys,save,contract,list')
    .split(',')
    .map((p) => p.trim()),
);
/**
 * `RENDERER_TRACE=DIR` also records a Chromium performance trace of the keystrokes and of the
 * saves (DIR/keys.json, DIR/saves.json; open them in DevTools' Performance panel).
 */
const TRACE_DIR = process.env.RENDERER_TRACE;
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'IndexedDB',
  'toplevel',
].join(',');

/** Runs `work` under a Chromium trace written to TRACE_DIR/name.json when RENDERER_TRACE is set. */
async function traced<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!TRACE_DIR) return work();
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise<void>((resolveDone) =>
    cdp.once('Tracing.tracingComplete', () => resolveDone()),
  );
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  try {
    return await work();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(TRACE_DIR, { recursive: true });
    writeFileSync(join(TRACE_DIR, `${name}.json`), JSON.stringify({ traceEvents: events }));
    writeFileSync(join(TRACE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(root, 'index.html');
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * Runs in every page before the app: a no-op `__name` (tsx keeps function names with a helper the
 * page does not have), the time the agenda (or the PIN screen) appears, and the commit time of
 * every read-write transaction on the app's interviews store.
 */
const PAGE_PROBES = `
  globalThis.__name = (f) => f;
  window.__bench = {
    screenAt: null, screen: null, agendaAt: null, submitAt: null, listAt: null, commits: [],
  };
  document.addEventListener('submit', () => { window.__bench.submitAt = performance.now(); }, true);
  window.__benchObserver = new MutationObserver(() => {
    const b = window.__bench;
    if (b.agendaAt === null) {
      const h1 = document.querySelector('h1');
      if (h1 && /^Agenda du/.test(h1.textContent || '')) b.agendaAt = performance.now();
    }
    if (b.screenAt === null) {
      const h1 = document.querySelector('h1');
      const text = h1 ? h1.textContent || '' : '';
      if (/^Agenda du/.test(text) && document.querySelector('button')) {
        b.screenAt = performance.now(); b.screen = 'agenda';
      } else if (/Protéger les données|Session verrouillée/.test(text)) {
        b.screenAt = performance.now(); b.screen = 'pin';
      }
    }
    if (b.listAt === null && document.querySelector('table[aria-label="Entretiens en cours"]')) {
      b.listAt = performance.now();
    }
  });
  window.__benchObserver.observe(document, { childList: true, subtree: true });
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const names = typeof stores === 'string' ? [stores] : Array.from(stores);
    if (mode === 'readwrite' && this.name.startsWith('codiag') && names.includes('interviews')) {
      tx.addEventListener('complete', () => window.__bench.commits.push(performance.now()));
    }
    return tx;
  };
`;

async function launch(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1366, height: 900 },
  });
  await context.addInitScript({ content: PAGE_PROBES });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** The User Timing mark AgendaPage sets when it asks for its data (AGENDA_LOAD_MARK). */
const AGENDA_LOAD_MARK = 'codiag:agenda-load';

interface Probe {
  screenAt: number | null;
  screen: 'agenda' | 'pin' | null;
  agendaAt: number | null;
  submitAt: number | null;
  listAt: number | null;
  commits: number[];
}

/** The PIN the bench chooses when the app asks for one (encryption at rest). */
const PIN = '482913';

/**
 * Passes the PIN screen if one is shown (first run: create the code; later: unlock) and returns
 * the time from the submit to the agenda (null when there was no PIN screen).
 */
async function passPin(page: Page): Promise<number | null> {
  const p = await waitForScreen(page);
  if (p.screen !== 'pin') return null;
  const enrol = page.getByRole('heading', { name: 'Protéger les données de cet ordinateur' });
  await page.getByRole('textbox', { name: 'Code personnel', exact: true }).fill(PIN);
  if (await enrol.isVisible()) {
    await page.getByRole('textbox', { name: 'Confirmer le code personnel', exact: true }).fill(PIN);
    await page.getByRole('button', { name: 'Créer le code' }).click();
  } else {
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
  }
  await page.waitForFunction(
    () => (window as unknown as { __bench: Probe }).__bench.agendaAt !== null,
  );
  const after = await probe(page);
  return (after.agendaAt ?? NaN) - (after.submitAt ?? NaN);
}

const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);

async function waitForScreen(page: Page): Promise<Probe> {
  await page.waitForFunction(
    () => (window as unknown as { __bench: Probe }).__bench.screenAt !== null,
  );
  return probe(page);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

interface Row {
  name: string;
  p50: number;
  p95: number | null;
  min: number;
  max: number;
  n: number;
  aim: string;
}

function row(name: string, values: number[], aim: string, withP95 = true): Row {
  return {
    name,
    p50: percentile(values, 50),
    p95: withP95 ? percentile(values, 95) : null,
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
    aim,
  };
}

// ---------------------------------------------------------------------------------------------

async function coldLoads(url: string): Promise<{ rows: Row[]; screen: string }> {
  const times: number[] = [];
  let screen = 'agenda';
  for (let i = 0; i < COLD_RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'codiag-bench-cold-'));
    const { context, page } = await launch(dir);
    try {
      await page.goto(`${url}?db=cold&demo=0`);
      const p = await waitForScreen(page);
      times.push(p.screenAt ?? NaN);
      screen = p.screen ?? screen;
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    rows: [
      row(
        `cold load to the first interactive screen (${screen === 'pin' ? 'PIN creation' : 'agenda'}; fresh profile, from navigation start)`,
        times,
        '< 1000',
        false,
      ),
    ],
    screen,
  };
}

/** The gzip size of every script and style sheet the first screen loaded. */
async function firstScreenWeight(url: string): Promise<{ files: [string, number, number][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'codiag-bench-size-'));
  const { context, page } = await launch(dir);
  const loaded = new Set<string>();
  page.on('response', (response) => {
    if (/\.(js|css)$/.test(new URL(response.url()).pathname)) loaded.add(response.url());
  });
  try {
    await page.goto(`${url}?db=size&demo=0`);
    await waitForScreen(page);
    await page.waitForLoadState('networkidle');
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const files: [string, number, number][] = [];
  for (const address of loaded) {
    const path = new URL(address).pathname;
    const body = await (await fetch(address)).arrayBuffer();
    const raw = Buffer.from(body);
    files.push([path.replace(/^\//, ''), raw.length, gzipSync(raw, { level: 9 }).length]);
  }
  files.sort((a, b) => b[2] - a[2]);
  return { files };
}

/** Creates an interview through the app and fills it as the professionals would. */
async function openFilledInterview(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await passPin(page);
  await page.getByRole('button', { name: 'Nouvel entretien' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Fictif-Mesure');
  await dialog.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Alex');
  await dialog.getByRole('textbox', { name: 'Date de naissance', exact: true }).fill('1985-06-01');
  await dialog
    .getByRole('textbox', { name: 'Date d’ouverture des droits RSA', exact: true })
    .fill('2024-01-15');
  await dialog.getByRole('button', { name: 'Vérifier et démarrer' }).click();
  await page.getByRole('heading', { level: 1, name: /^Co-diagnostic/ }).waitFor();
  await page.getByRole('textbox', { name: 'Conseiller France Travail (nom)' }).fill('Camille');
  await page.getByRole('textbox', { name: 'Professionnel du Département (nom)' }).fill('Morgan');
  await page.getByRole('radio', { name: 'Présent(e)' }).check();
  await page
    .getByRole('combobox', { name: 'Situation professionnelle', exact: true })
    .selectOption({ label: "En recherche d'emploi" });
  await page.getByRole('checkbox', { name: 'N’a jamais travaillé' }).check();
  for (const [group, option] of [
    ["Disponibilité vers l'emploi", 'Disponible à court terme'],
    ['Motivation à travailler', 'Oui'],
    ['Motivation à être accompagné', 'En partie'],
  ] as const) {
    await page
      .getByRole('radiogroup', { name: group, exact: true })
      .getByRole('radio', { name: option, exact: true })
      .check();
  }
  await page
    .getByRole('textbox', { name: 'Notes sur l’emploi', exact: true })
    .fill('Expérience de préparatrice de commandes, CACES à renouveler. '.repeat(20));
  await page.getByTestId('computed-dominante').getByText('Dominante').waitFor();
  await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
}

/**
 * The screen probe (a MutationObserver searching the page on every change) is for the screens'
 * first appearance: it stops before keystrokes and saves are timed, which it would slow down.
 */
async function stopScreenProbe(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { __benchObserver: MutationObserver }).__benchObserver.disconnect(),
  );
}

async function keystrokes(page: Page): Promise<Row[]> {
  const field = page.getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true });
  const samples = await typeAndTime(page, field);
  return [row('keystroke to next paint, interview page (Synthèse)', samples, 'p95 < 16')];
}

/**
 * The contract page: the decision taken in the orientation panel, then the proposed actions
 * turned into editable ones, and the first action's wording typed.
 */
async function contractKeystrokes(page: Page): Promise<Row[]> {
  await page
    .getByRole('radiogroup', {
      name: "Autonomie dans les démarches (administratives, recherche d'emploi)",
      exact: true,
    })
    .getByRole('radio', { name: 'Autonome', exact: true })
    .check();
  const panel = page.getByRole('complementary', { name: 'Orientation' });
  // The answers of openFilledInterview and this one give the équilibre dominante.
  for (const who of ['Avis du conseiller France Travail', 'Avis du professionnel du Département']) {
    await panel
      .getByRole('combobox', { name: who, exact: true })
      .selectOption({ label: 'Dominante équilibre social et professionnel' });
  }
  await panel.getByRole('radio', { name: /^Binôme conseiller France Travail/ }).check();
  await panel.getByRole('textbox', { name: 'Heures par semaine', exact: true }).fill('15');
  await page.getByTestId('decision-status').getByText('Décision complète').waitFor();
  await page.getByTestId('save-status').and(page.locator('[data-state="saved"]')).waitFor();
  await page.getByRole('link', { name: 'Contrat', exact: true }).click();
  await page.getByRole('button', { name: 'Modifier les actions et les dates' }).click();
  const field = page.getByRole('textbox', { name: 'Action 1', exact: true });
  await field.click();
  await page.keyboard.press('End');
  const samples = await typeAndTime(page, field);
  return [row('keystroke to next paint, contract page (Action 1)', samples, '—')];
}

/** Types words into `field`, with pauses, timing each keystroke to the next paint. */
async function typeAndTime(page: Page, field: Locator): Promise<number[]> {
  await field.click();
  await stopScreenProbe(page);
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[] };
    w.__keys = [];
    const el = document.activeElement as HTMLElement;
    el.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        el.addEventListener(
          'input',
          () => {
            // The frame after the input event is painted when this timer runs.
            requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - start)));
          },
          { once: true },
        );
      },
      true,
    );
  });
  const words = 'la personne souhaite reprendre une formation qualifiante '.repeat(8);
  let typed = 0;
  for (const [index, word] of words.split(' ').entries()) {
    if (typed >= KEYSTROKES) break;
    await page.keyboard.type(`${word} `, { delay: 60 });
    typed += word.length + 1;
    // A pause every few words, so that saves run between them, as they do in an interview.
    if (index % 4 === 3) await page.waitForTimeout(350);
  }
  return page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
}

/** The User Timing mark the interview page sets when a save starts (SAVE_MARK of draft-store). */
const SAVE_MARK = 'codiag:save';

/**
 * The app's save next to its floor, alternately in the same page:
 * - the save as it runs after a pause in typing (the debounce): from its start (SAVE_MARK) to the
 *   commit of its one transaction (record, summary, outbox entry) — the aim's measure;
 * - the save a blur starts, from the blur to the commit: it includes the frame the blur draws
 *   (focus ring, label), which the transaction's completion waits behind;
 * - the floor: a raw put of the same stored row into a database of its own, same durability.
 */
async function saves(page: Page, db: string): Promise<{ rows: Row[]; bytes: number }> {
  const field = page.getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true });
  await stopScreenProbe(page);
  const app: number[] = [];
  const onBlur: number[] = [];
  const raw: number[] = [];
  let bytes = 0;
  const commitAfter = async (before: number): Promise<number> => {
    await page.waitForFunction(
      (n) => (window as unknown as { __bench: Probe }).__bench.commits.length > n,
      before,
    );
    const commits = (await probe(page)).commits;
    return commits[commits.length - 1] ?? NaN;
  };
  for (let i = 0; i < SAVES; i++) {
    await field.focus();
    // A character, then the pause: the debounced save runs on its own.
    let before = (await probe(page)).commits.length;
    await page.keyboard.type(String(i % 10));
    const committed = await commitAfter(before);
    const started = await page.evaluate(
      (mark) => performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN,
      SAVE_MARK,
    );
    app.push(committed - started);

    // A character, then a blur at once: the blur flushes the edit (no debounce).
    await page.keyboard.type(String(i % 10));
    before = (await probe(page)).commits.length;
    const blurred = await page.evaluate(() => {
      const t = performance.mark('bench:blur').startTime;
      (document.activeElement as HTMLElement).blur();
      return t;
    });
    onBlur.push((await commitAfter(before)) - blurred);

    const floor = await page.evaluate(async (name) => {
      const open = (dbName: string, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((done, fail) => {
          const request = indexedDB.open(dbName);
          request.onupgradeneeded = () => upgrade?.(request.result);
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
      const source = await open(name);
      const row = await new Promise<{ id: string }>((done, fail) => {
        const request = source.transaction('interviews').objectStore('interviews').getAll();
        request.onsuccess = () => done((request.result as { id: string }[])[0] as { id: string });
        request.onerror = () => fail(request.error);
      });
      source.close();
      const target = await open('bench-floor', (db) => db.createObjectStore('rows'));
      const size = JSON.stringify(row).length;
      const t = performance.now();
      await new Promise<void>((done, fail) => {
        const tx = target.transaction('rows', 'readwrite', { durability: 'strict' });
        tx.objectStore('rows').put(row, row.id);
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
      });
      const elapsed = performance.now() - t;
      target.close();
      return { elapsed, size };
    }, `codiag-${db}`);
    raw.push(floor.elapsed);
    bytes = floor.size;
  }
  return {
    rows: [
      row(
        'save after a pause in typing: start → committed (record + outbox)',
        app,
        'p95 ≤ 2× raw put',
      ),
      row('save on blur: blur → committed (the blur’s frame included)', onBlur, '—'),
      row(`raw IndexedDB put of the same row, strict durability (floor)`, raw, '—'),
    ],
    bytes,
  };
}

/**
 * Clones the stored interview and its summary (what the agenda lists) into 10 000 rows of the
 * app's format, straight into IndexedDB: one draft in ten, the others closed (and not waiting for
 * the sync, so the agenda does not list them). Returns the bytes of one summary's names, as
 * encoded (identity codec: their JSON).
 */
async function seedInterviews(page: Page, db: string, count: number): Promise<number> {
  return page.evaluate(
    async ({ name, count }) => {
      const database = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      type StoredRow = {
        id: string;
        status: string;
        payload: {
          codec: string;
          data: {
            interview: {
              id: string;
              status: string;
              closedAt: string | null;
              identity: { firstName: string; lastName: string };
            };
          };
        };
      };
      type SummaryRow = {
        id: string;
        status: string;
        payload: { codec: string; data: { firstName: string; lastName: string } };
      };
      const first = <T>(store: string) =>
        new Promise<T>((done, fail) => {
          const request = database.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done((request.result as T[])[0] as T);
          request.onerror = () => fail(request.error);
        });
      const model = await first<StoredRow>('interviews');
      const summary = await first<SummaryRow>('interviewSummaries');
      for (const codec of [model.payload.codec, summary.payload.codec]) {
        if (codec !== 'identity') {
          throw new Error(`payloads are written by codec ${codec}: cannot clone them`);
        }
      }
      const tx = database.transaction(['interviews', 'interviewSummaries'], 'readwrite');
      const store = tx.objectStore('interviews');
      const summaries = tx.objectStore('interviewSummaries');
      for (let i = 0; i < count; i++) {
        const id = `bench-${String(i).padStart(5, '0')}`;
        const closed = i % 10 !== 0;
        const copy = structuredClone(model);
        copy.id = id;
        copy.status = closed ? 'closed' : 'draft';
        copy.payload.data.interview.id = id;
        copy.payload.data.interview.status = copy.status;
        copy.payload.data.interview.closedAt = closed ? '2026-01-05T10:00:00.000Z' : null;
        copy.payload.data.interview.identity.lastName = `Fictif-${i}`;
        store.put(copy);
        const names = structuredClone(summary);
        names.id = id;
        names.status = copy.status;
        names.payload.data.lastName = `Fictif-${i}`;
        summaries.put(names);
      }
      await new Promise<void>((done, fail) => {
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
      });
      database.close();
      return JSON.stringify(summary.payload.data).length;
    },
    { name: `codiag-${db}`, count },
  );
}

/** The list on screen, timed from the unlock and from the agenda's data request. */
async function agendaList(
  page: Page,
  url: string,
): Promise<{ fromUnlock: number[]; fromRequest: number[] }> {
  const fromUnlock: number[] = [];
  const fromRequest: number[] = [];
  for (let i = 0; i < LIST_RUNS; i++) {
    // A new document each time (a change of the hash alone would not reload the app).
    await page.goto('about:blank');
    await page.goto(url);
    await passPin(page);
    await page.waitForFunction(
      () => (window as unknown as { __bench: Probe }).__bench.listAt !== null,
    );
    const p = await probe(page);
    const requestedAt = await page.evaluate(
      (mark) => performance.getEntriesByName(mark, 'mark').at(-1)?.startTime ?? NaN,
      AGENDA_LOAD_MARK,
    );
    // From the unlock (or the navigation start when no PIN is asked) to the list on screen.
    fromUnlock.push((p.listAt ?? NaN) - (p.submitAt ?? 0));
    fromRequest.push((p.listAt ?? NaN) - requestedAt);
  }
  return { fromUnlock, fromRequest };
}

/**
 * What encryption adds to the listing: WebCrypto AES-GCM decryption of `count` payloads of
 * `bytes` each (the names of the interviews the agenda lists), all at once as the repository
 * does, in the same page.
 */
async function decryptFloor(page: Page, bytes: number, count: number): Promise<number> {
  return page.evaluate(
    async ({ bytes, count }) => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      const plain = new TextEncoder().encode('x'.repeat(bytes));
      const iv = new Uint8Array(12);
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain);
      const t = performance.now();
      await Promise.all(
        Array.from({ length: count }, () =>
          crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed),
        ),
      );
      return performance.now() - t;
    },
    { bytes, count },
  );
}

/** Builds the renderer into `outDir` (a private copy: other builds must not change it). */
function buildInto(outDir: string, env: Record<string, string> = {}): void {
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    { cwd: REPO, stdio: 'ignore', env: { ...process.env, ...env } },
  );
}

// ---------------------------------------------------------------------------------------------

function printRows(title: string, rows: Row[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| measure (ms) | median / p50 | p95 | min | max | n | aim |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${ms(r.p50)} | ${r.p95 === null ? '—' : ms(r.p95)} | ${ms(r.min)} | ${ms(r.max)} | ${r.n} | ${r.aim} |`,
    );
  }
}

export async function runRendererBench(): Promise<void> {
  const release = mkdtempSync(join(tmpdir(), 'codiag-bench-release-'));
  // The test build accepts `?codec=identity`, so that 10 000 rows can be cloned in the page.
  const testBuild = mkdtempSync(join(tmpdir(), 'codiag-bench-test-'));
  buildInto(release);
  if (PARTS.has('list')) buildInto(testBuild, { VITE_CODIAG_TEST_SWITCHES: '1' });
  const server = await serve(release);
  const testServer = await serve(testBuild);
  const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  try {
    const cold = PARTS.has('cold') ? await coldLoads(server.url) : { rows: [], screen: '' };
    const weight = PARTS.has('cold') ? await firstScreenWeight(server.url) : { files: [] };

    const dir = mkdtempSync(join(tmpdir(), 'codiag-bench-'));
    const { context, page } = await launch(dir);
    const rows: Row[] = [];
    let bytes = 0;
    const empty = { fromUnlock: [], fromRequest: [] };
    let list: { fromUnlock: number[]; fromRequest: number[] } = empty;
    let oneList: { fromUnlock: number[]; fromRequest: number[] } = empty;
    let summaryBytes = 0;
    let decrypt = NaN;
    try {
      // The PIN: its creation, then an unlock after a reload (PBKDF2 of the data key).
      const url = `${server.url}?db=bench&demo=0`;
      await page.goto(url);
      const enrol = await passPin(page);
      const unlocks: number[] = [];
      for (let i = 0; i < (PARTS.has('pin') ? 3 : 0); i++) {
        await page.goto(url);
        const t = await passPin(page);
        if (t !== null) unlocks.push(t);
      }
      if (PARTS.has('pin') && enrol !== null) {
        rows.push(row('PIN created → agenda on screen', [enrol], '—', false));
      }
      if (unlocks.length > 0) rows.push(row('unlock → agenda on screen', unlocks, '—', false));

      if (PARTS.has('keys') || PARTS.has('save')) {
        await openFilledInterview(page, url);
        if (PARTS.has('keys')) rows.push(...(await traced(page, 'keys', () => keystrokes(page))));
        if (PARTS.has('save')) {
          const saved = await traced(page, 'saves', () => saves(page, 'bench'));
          rows.push(...saved.rows);
          bytes = saved.bytes;
        }
      }
      if (PARTS.has('contract')) {
        // A database of its own: the same person again would stop at the duplicate check.
        await openFilledInterview(page, `${server.url}?db=bench-contract&demo=0`);
        rows.push(...(await traced(page, 'contract', () => contractKeystrokes(page))));
      }

      if (PARTS.has('list')) {
        const listUrl = `${testServer.url}?db=list&demo=0&codec=identity`;
        await openFilledInterview(page, listUrl);
        oneList = await agendaList(page, `${listUrl}#/`);
        summaryBytes = await seedInterviews(page, 'list', STORED_INTERVIEWS);
        list = await agendaList(page, `${listUrl}#/`);
        decrypt = await decryptFloor(page, summaryBytes, LISTED_INTERVIEWS);
      }
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const n = STORED_INTERVIEWS.toLocaleString('en-US');
    const listRows = PARTS.has('list')
      ? [
          row(
            'agenda listed, 1 stored interview (unlock → list on screen)',
            oneList.fromUnlock,
            '—',
            false,
          ),
          row(
            `agenda listed, ${n} stored interviews (unlock → list on screen)`,
            list.fromUnlock,
            '—',
            false,
          ),
          row(
            'agenda listed, 1 stored interview (agenda data request → list on screen)',
            oneList.fromRequest,
            '—',
            false,
          ),
          row(
            `agenda listed, ${n} stored interviews (agenda data request → list on screen)`,
            list.fromRequest,
            '< 200',
            false,
          ),
        ]
      : [];
    printRows(`Renderer in ${chromiumVersion ?? 'Chromium'} (headless)`, [
      ...cold.rows,
      ...rows,
      ...listRows,
    ]);
    if (PARTS.has('list'))
      console.log(
        `\n${bytes > 0 ? `Saved row: ${bytes.toLocaleString('en-US')} bytes (JSON of the stored row, encrypted payload). ` : ''}` +
          `Listing cost of ${n} interviews, ${LISTED_INTERVIEWS.toLocaleString('en-US')} of them listed (median difference with 1, from the data request): ` +
          `${ms(percentile(list.fromRequest, 50) - percentile(oneList.fromRequest, 50))} ms, ` +
          `measured with \`?codec=identity\` (test build); AES-GCM decryption of ${LISTED_INTERVIEWS.toLocaleString('en-US')} summaries ` +
          `(${summaryBytes} bytes of names each) in the same page: ${ms(decrypt)} ms more.`,
      );

    if (weight.files.length > 0) {
      console.log('\n| first screen file | bytes | gzip (level 9) |');
      console.log('|---|---:|---:|');
      let total = 0;
      for (const [file, raw, gz] of weight.files) {
        total += gz;
        console.log(`| ${file} | ${raw.toLocaleString('en-US')} | ${gz.toLocaleString('en-US')} |`);
      }
      console.log(`| **total** (aim < 300 kB) | | **${total.toLocaleString('en-US')}** |`);
    }
  } finally {
    await server.close();
    await testServer.close();
    rmSync(release, { recursive: true, force: true });
    rmSync(testBuild, { recursive: true, force: true });
  }
}
