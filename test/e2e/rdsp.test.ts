/**
 * The RDSP pre-fill (DOMAIN §9, « dites-le-nous une fois ») end to end: the département imports a
 * generated RDSP file with `codiag import-rdsp` on the real server, the laptop syncs, and the
 * interview opened from the convocation shows every declared answer filled in and marked « À
 * confirmer » until a professional confirms it (with the keyboard). A bad file is refused with an
 * error per line and field, never a value, and imports nothing: not even its valid line. The
 * people are the server's generated demo beneficiaries (`codiag seed-demo`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARED_FIELD_LABELS } from '../../shared/domain/interview';
import type { RdspDeclaration } from '../../shared/interop/rdsp';
import { addDays } from '../../shared/util/dates';
import { demoAgenda } from '../../server/cli/server-commands';
import {
  appForTests,
  fillAttendance,
  hasText,
  hasValue,
  interviewHeading,
  openApp,
  reopenInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';
import { countPointerEvents, pointerEvents, press } from './keys';
import { enrolLaptop, testServer, type TestServer } from './server';

const TERRITORY = '59-e2e-rdsp';
const DECLARED = 'À confirmer (déclaré dans la demande RSA)';

const app = appForTests();
let server: TestServer;

beforeAll(() => {
  server = testServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Today in Paris, as the browser sees it. */
const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

const jsonLines = (lines: unknown[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

/** A file for the CLI to read, in the server's temporary folder (removed with it). */
function writeInput(name: string, text: string): string {
  const file = join(server.dataDir, name);
  writeFileSync(file, text);
  return file;
}

/**
 * The « à confirmer » marks in the document. The interview's sections far from the viewport are
 * skipped by Chromium (content-visibility), which Playwright's visibility rules take as hidden:
 * read the document itself, and the fields with `includeHidden`.
 */
const declaredMarks = (page: Page) => ({
  count: () =>
    page.evaluate(
      (text) =>
        [...document.querySelectorAll('span')].filter(
          (e) => e.children.length === 0 && e.textContent === text,
        ).length,
      DECLARED,
    ),
});
const field = (page: Page, role: 'combobox' | 'textbox' | 'radiogroup', name: string) =>
  page.getByRole(role, { name, exact: true, includeHidden: true });

async function startInterviewOf(page: Page, lastName: string, firstName: string): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/';
  });
  await page
    .getByRole('button', { name: `Démarrer l’entretien de ${lastName} ${firstName}` })
    .click();
  await visible(interviewHeading(page, `${firstName} ${lastName}`));
  // The sections of the interview come once the person is present.
  await fillAttendance(page, {
    pe: 'Camille Déclaration-Fictive',
    cd: 'Dominique Demande-Fictive',
    cdRole: 'Travailleur social du Département',
  });
}

describe('the RDSP pre-fill', () => {
  it('pre-fills the interview from an imported declaration, each answer « à confirmer »; a bad file imports nothing', async () => {
    const today = parisToday();
    const code = server.enrolmentCode('Portable RDSP Démo', 'pe-advisor', TERRITORY);
    const seeded = server.cli([
      'seed-demo',
      '--territory',
      TERRITORY,
      '--count',
      '2',
      '--seed',
      '31',
      '--from',
      today,
    ]);
    expect(seeded.status, seeded.stderr).toBe(0);
    const [a, b] = demoAgenda(TERRITORY, 2, 31, today).map((r) => r.beneficiary);
    if (!a || !b) throw new Error('seed-demo made fewer than two people');

    const declaredOn = addDays(today, -40);
    const declaration: RdspDeclaration = {
      beneficiaryId: b.id,
      declaredOn,
      answers: {
        maritalStatus: 'married',
        dependentChildren: 2,
        childrenUnder3: 1,
        workSituation: 'job-seeking',
        lastJobDate: addDays(today, -200),
        educationLevel: 'NV4',
        franceTravailRegistered: true,
      },
    };

    // A bad file: one valid line (A's) and four wrong ones. Refused whole, every error listed.
    const bad = writeInput(
      'rdsp-bad.jsonl',
      jsonLines([
        { beneficiaryId: a.id, declaredOn, answers: { maritalStatus: 'single' } },
        { beneficiaryId: b.id, declaredOn, answers: { workSituation: 'astronaute-fictif' } },
        { beneficiaryId: b.id, declaredOn, answers: { dependentChildren: 1, childrenUnder3: 3 } },
        { beneficiaryId: b.id, declaredOn: '2026-13-01', answers: {} },
        '{"beneficiaryId": ',
      ]),
    );
    const refused = server.cli(['import-rdsp', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^line 2: answers\.workSituation: /m);
    expect(refused.stderr).toMatch(/^line 3: answers\.childrenUnder3: /m);
    expect(refused.stderr).toMatch(/^line 4: declaredOn: /m);
    expect(refused.stderr).toMatch(/^line 5: /m);
    expect(refused.stderr).not.toMatch(/^line 1: /m);
    // Never a value of the file in the messages.
    expect(refused.stderr).not.toContain('astronaute-fictif');
    expect(refused.stderr).not.toContain(a.id);

    const good = writeInput('rdsp.jsonl', jsonLines([declaration]));
    const imported = server.cli(['import-rdsp', good]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 1 declaration\(s\): 1 new/);

    // The laptop enrols and pulls the convocations and the declaration.
    const url = await server.start();
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('rdsp')));
    await enrolLaptop(page, url, code, 'Portable RDSP');
    await page.getByRole('button', { name: 'Synchroniser', exact: true }).click();
    await hasText(page.getByTestId('sync-page-last'), /réussie : \d/);

    // A: only the bad file named them, and it imported nothing.
    await startInterviewOf(page, a.lastName, a.firstName);
    await field(page, 'combobox', 'Situation familiale').waitFor({ state: 'attached' });
    expect(await declaredMarks(page).count()).toBe(0);
    expect(
      await field(page, 'combobox', 'Situation familiale').evaluate(
        (el) => (el as HTMLSelectElement).value,
      ),
    ).toBe('');

    // B: every declared answer filled in, each marked « à confirmer ».
    await startInterviewOf(page, b.lastName, b.firstName);
    const name = `${b.firstName} ${b.lastName}`;
    await hasText(
      page.getByRole('complementary', { name: 'Orientation' }),
      /7 réponses déclarées dans la demande RSA restent à confirmer/,
    );
    const labels = Object.values(DECLARED_FIELD_LABELS);
    await expect.poll(() => declaredMarks(page).count()).toBe(labels.length);
    const selected = (label: string) =>
      field(page, 'combobox', label).evaluate(
        (el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '',
      );
    expect(await selected('Situation familiale')).toBe('Marié(e)');
    expect(await selected('Situation professionnelle')).toBe("En recherche d'emploi");
    expect(await selected('Niveau de formation')).toBe('NV4 — baccalauréat');
    await hasValue(field(page, 'textbox', 'Enfants à charge (nombre)'), '2');
    await hasValue(field(page, 'textbox', 'Dont enfants de moins de 3 ans'), '1');
    await hasValue(field(page, 'textbox', 'Date du dernier emploi'), addDays(today, -200));
    expect(
      await page
        .getByRole('radiogroup', { name: 'Inscrit(e) à France Travail', includeHidden: true })
        .getByRole('radio', { name: 'Oui', exact: true, includeHidden: true })
        .isChecked(),
    ).toBe(true);
    // The closing list asks for them too.
    await hasText(page.getByTestId('closing-missing'), /Situation familiale/);

    // Confirmed one by one, with the keyboard: each mark goes with its confirmation.
    await countPointerEvents(page);
    for (const [i, label] of labels.entries()) {
      await press(page, page.getByRole('button', { name: `Confirmer « ${label} »` }));
      await expect.poll(() => declaredMarks(page).count()).toBe(labels.length - i - 1);
    }
    expect(await pointerEvents(page)).toBe(0);
    await waitSaved(page);

    // After a reload: confirmed, and the answers kept.
    await reopenInterview(page, name);
    await field(page, 'combobox', 'Situation familiale').waitFor({ state: 'attached' });
    expect(await declaredMarks(page).count()).toBe(0);
    expect(await selected('Situation familiale')).toBe('Marié(e)');
    expect(await page.getByText(/déclarées? dans la demande RSA rest/).count()).toBe(0);
  });
});
