/**
 * The window driving of the desktop smoke test (electron/tools/smoke-drive.ts), run as far as it
 * can be without Electron: Debian's Chromium started by hand with a DevTools port, as the smoke
 * test starts the app, showing the built renderer. From the connection to « Exporter en PDF »
 * everything is the smoke test's own code; the PDF is then printed by Chromium (the browser build
 * has no main process to write it) and checked with the smoke test's expected texts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectToApp,
  exportContract,
  findAppPage,
  freePort,
} from '../../electron/tools/smoke-drive';
import { expectedPdfTexts, missingTexts } from '../../electron/tools/smoke-plan';
import { makeUrl, serveSnapshot, uniqueDb } from './app';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

describe('the smoke test drives the app over the DevTools protocol', () => {
  let server: Awaited<ReturnType<typeof serveSnapshot>>;
  let chromium: ChildProcess;
  let browser: Browser | null = null;
  let port = 0;
  const profile = mkdtempSync(join(tmpdir(), 'codiag-smoke-drive-'));

  beforeAll(async () => {
    server = await serveSnapshot();
    port = await freePort();
    chromium = spawn(
      CHROMIUM,
      [
        ...CHROMIUM_ARGS,
        '--headless',
        `--remote-debugging-port=${port}`,
        `--user-data-dir=${profile}`,
        '--window-size=1366,900',
        '--lang=fr-FR',
        makeUrl(server.url, uniqueDb('smoke-drive')),
      ],
      { stdio: 'ignore', env: { ...process.env, TZ: 'Europe/Paris' } },
    );
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (chromium.exitCode === null) {
      const exited = new Promise((done) => chromium.once('exit', done));
      chromium.kill('SIGKILL');
      await exited;
    }
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('connects, unlocks, runs an interview of a fake person and exports its contract', async () => {
    browser = await connectToApp(port, 30_000);
    const page = await findAppPage(browser, (url) => url.startsWith(server.url), 30_000);
    // The browser build prints with window.print(), which would wait for a dialog.
    await page.evaluate(() => {
      const w = window as unknown as { __printCalls: number };
      w.__printCalls = 0;
      window.print = () => {
        w.__printCalls += 1;
      };
    });
    const steps: string[] = [];
    const person = await exportContract(page, (step) => steps.push(step));
    expect(steps).toEqual([
      'unlocked',
      `interview of ${person.firstName} ${person.lastName} opened`,
      'orientation decided',
      'PDF export asked',
    ]);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls))
      .toBe(1);

    await page.emulateMedia({ media: 'print' });
    const file = join(profile, 'contrat.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(missingTexts(text, expectedPdfTexts(person))).toEqual([]);
  });
});
