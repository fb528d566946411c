/**
 * A whole co-diagnostic for each dominante in the built app: from the agenda to the signed
 * contract exported as PDF (its text read back with pdftotext), then the closing.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  appForTests,
  type AppSession,
  browserToday,
  computedDominante,
  decide,
  drawSignature,
  type EmploymentAnswers,
  fillAttendance,
  fillEmployment,
  giveEvaluationNotice,
  hasText,
  interviewHeading,
  openApp,
  pdfText,
  printCalls,
  type Professionals,
  radioIn,
  signOnPaper,
  squash,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';

const app = appForTests();

interface Scenario {
  dominante: 'emploi' | 'équilibre' | 'remobilisation';
  label: string;
  person: { lastName: string; firstName: string; birthDate: string };
  pros: Professionals;
  employment: (today: string) => EmploymentAnswers;
  /** Extra answers that move the dominante (a barrier, for équilibre). */
  extra?: (app: AppSession) => Promise<void>;
  structure: RegExp;
  structureLabel: string;
  hours: number;
  /** Who signs on paper rather than on screen. */
  paper: ('beneficiary' | 'peAdvisor' | 'cdProfessional')[];
}

const SCENARIOS: Scenario[] = [
  {
    dominante: 'emploi',
    label: 'Dominante emploi',
    person: { lastName: 'Fictif-Emploi', firstName: 'Alix', birthDate: '1988-05-14' },
    pros: { pe: 'Camille Conseil', cd: 'Dominique Coach', cdRole: 'Coach emploi du Département' },
    employment: (today) => ({
      situation: "En recherche d'emploi",
      lastJobDate: addDays(today, -90),
      availability: 'Disponible immédiatement',
      motivationWork: 'Oui',
      motivationSupport: 'Oui',
      autonomy: 'Autonome',
    }),
    structure: /^Coach emploi du Département/,
    structureLabel: 'Coach emploi du Département (Maison Nord Emploi)',
    hours: 18,
    paper: [],
  },
  {
    dominante: 'équilibre',
    label: 'Dominante équilibre social et professionnel',
    person: { lastName: 'Exemple-Equilibre', firstName: 'Noé', birthDate: '1979-11-02' },
    pros: {
      pe: 'Sacha Référent',
      cd: 'Morgan Social',
      cdRole: 'Travailleur social du Département',
    },
    employment: (today) => ({
      situation: "En recherche d'emploi",
      lastJobDate: addDays(today, -200),
      availability: 'Disponible immédiatement',
      motivationWork: 'Oui',
      motivationSupport: 'Oui',
      autonomy: 'Autonome',
    }),
    // One light barrier (column Q) is enough for « équilibre ».
    extra: async ({ page }) => {
      const mobility = page.getByRole('region', { name: 'Mobilité', exact: true });
      await mobility.getByRole('checkbox').first().check();
      await radioIn(page, 'Niveau du frein — Mobilité', 'Frein léger').check();
      await mobility
        .getByRole('textbox', { name: 'Notes — Mobilité', exact: true })
        .fill('Pas de permis ; bus jusqu’à 19 h.');
    },
    structure: /^Binôme conseiller France Travail et travailleur social/,
    structureLabel:
      'Binôme conseiller France Travail et travailleur social du Département (accompagnement global)',
    hours: 15,
    paper: ['cdProfessional'],
  },
  {
    dominante: 'remobilisation',
    label: 'Dominante remobilisation',
    person: { lastName: 'Démo-Remobilisation', firstName: 'Lou', birthDate: '1970-01-20' },
    pros: { pe: 'Ariel Emploi', cd: 'Eden Travail', cdRole: 'Travailleur social du Département' },
    employment: () => ({
      situation: 'Maladie ou invalidité',
      lastJobDate: 'never',
      availability: 'Pas disponible',
      motivationWork: 'En partie',
      motivationSupport: 'Oui',
      autonomy: 'Partiellement autonome',
    }),
    structure: /^Travailleur social du Département/,
    structureLabel: 'Travailleur social du Département',
    hours: 16,
    paper: ['beneficiary', 'peAdvisor', 'cdProfessional'],
  },
];

describe('a complete co-diagnostic in the browser', () => {
  it.each(SCENARIOS)(
    'runs an interview to a signed PDF contract with the $dominante dominante',
    async (s) => {
      const { page } = app;
      await openApp(page, app.urlFor(uniqueDb(`full-${s.dominante}`)));
      const today = await browserToday(page);
      const name = `${s.person.firstName} ${s.person.lastName}`;
      await startNewInterview(page, { ...s.person, rsaRightsOpenedOn: addDays(today, -60) });

      await fillAttendance(page, s.pros);
      await fillEmployment(page, s.employment(today));
      await s.extra?.(app);
      await hasText(computedDominante(page), s.label);
      await page
        .getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true })
        .fill(`Synthèse pour ${name}.`);
      await giveEvaluationNotice(page);
      await decide(page, { opinion: s.label, structure: s.structure, hours: s.hours });
      await waitSaved(page);

      // The contract, its three signatures and the PDF.
      await page.getByRole('link', { name: 'Contrat', exact: true }).click();
      await visible(
        page.getByRole('heading', { name: 'Contrat d’engagement réciproque — contrat préalable' }),
      );
      const signers = [
        ['beneficiary', name],
        ['peAdvisor', s.pros.pe],
        ['cdProfessional', s.pros.cd],
      ] as const;
      for (const [who, label] of signers) {
        if (s.paper.includes(who)) await signOnPaper(page, label);
        else await drawSignature(page, who, label);
      }
      await waitSaved(page);
      const hours = (await page.getByTestId('contract-hours').textContent()) ?? '';
      expect(hours).toContain(String(s.hours));

      await page.getByRole('button', { name: 'Exporter en PDF' }).click();
      await expect.poll(() => printCalls(page)).toBe(1);
      const text = squash(await pdfText(page));
      expect(text).toContain(s.label);
      expect(text).toContain(`Votre référent unique : ${s.structureLabel}`);
      expect(text).toContain(squash(hours));
      for (const [, label] of signers) expect(text).toContain(label);
      // The screen-only controls stay off the paper.
      expect(text).not.toContain('Exporter en PDF');
      expect(text).not.toContain('Valider la signature');

      // Closing: nothing missing, then read-only and waiting for the sync.
      await page.getByRole('link', { name: 'Retour à l’entretien' }).click();
      await visible(interviewHeading(page, name));
      await visible(page.getByText('Tout est prêt pour la clôture.'));
      expect(await page.getByTestId('closing-missing').count()).toBe(0);
      await page.getByRole('button', { name: 'Clôturer l’entretien' }).click();
      await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
      await waitSaved(page);
      expect(
        await page
          .getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true })
          .isDisabled(),
      ).toBe(true);
      await page.getByRole('link', { name: 'Agenda', exact: true }).click();
      const unsynced = page.getByRole('table', {
        name: 'Entretiens clôturés en attente de synchronisation',
      });
      await visible(
        unsynced.getByRole('rowheader', { name: `${s.person.lastName} ${s.person.firstName}` }),
      );
    },
  );
});
