/**
 * The other roads through an interview: the beneficiary absent (suspension and the 4-month
 * deadline), an override of the computed dominante with and without its justification, and
 * answers refused with a French message that names the field.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  appForTests,
  browserToday,
  computedDominante,
  decisionStatus,
  fillAttendance,
  fillEmployment,
  formatFrenchDate,
  hasText,
  hasValue,
  hidden,
  openApp,
  radioIn,
  reopenInterview,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';

const app = appForTests();

const PROS = {
  pe: 'Camille Conseil',
  cd: 'Dominique Coach',
  cdRole: 'Coach emploi du Département',
} as const;

async function begin(lastName: string): Promise<{ today: string; name: string }> {
  const { page } = app;
  await openApp(page, app.urlFor(uniqueDb(`flow-${lastName}`)));
  const today = await browserToday(page);
  await startNewInterview(page, {
    lastName,
    firstName: 'Andréa',
    birthDate: '1992-07-01',
    rsaRightsOpenedOn: addDays(today, -45),
  });
  return { today, name: `Andréa ${lastName}` };
}

describe('other roads through an interview', () => {
  it('records the suspension and the 4-month deadline when the person is absent, then ends the interview', async () => {
    const { page } = app;
    const { today } = await begin('Fictif-Absent');
    await fillAttendance(page, PROS, 'Absent(e)');

    const notice = page.getByRole('note');
    await hasText(notice, 'le versement du RSA est suspendu');
    await hasText(notice, `jusqu’au ${formatFrenchDate(addMonths(today, 4))} (4 mois)`);
    // Nothing else of the interview is asked, and there is no contract to sign.
    await hidden(page.getByRole('heading', { name: 'Identité et situation' }));
    await hidden(page.getByRole('complementary', { name: 'Orientation' }));
    expect(await page.getByRole('link', { name: 'Contrat', exact: true }).count()).toBe(0);

    await hasText(page.getByTestId('closing-missing'), 'Avis de suspension pour absence');
    expect(await page.getByRole('button', { name: 'Clôturer l’entretien' }).isDisabled()).toBe(
      true,
    );
    await page
      .getByRole('checkbox', { name: 'L’avis de suspension est enregistré pour envoi' })
      .check();
    await page
      .getByRole('textbox', { name: 'Commentaire sur l’absence', exact: true })
      .fill('Pas de réponse au téléphone.');
    await visible(page.getByText('Tout est prêt pour la clôture.'));
    await page.getByRole('button', { name: 'Clôturer l’entretien' }).click();
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);
    expect(await radioIn(page, 'La personne convoquée est', 'Présent(e)').isDisabled()).toBe(true);
  });

  it('refuses an override without a justification and accepts it with one, keeping the computed dominante', async () => {
    const { page } = app;
    const { today } = await begin('Exemple-Derogation');
    await fillAttendance(page, PROS);
    await fillEmployment(page, {
      situation: "En recherche d'emploi",
      lastJobDate: addDays(today, -60),
      availability: 'Disponible immédiatement',
      motivationWork: 'Oui',
      motivationSupport: 'Oui',
      autonomy: 'Autonome',
    });
    await hasText(computedDominante(page), 'Dominante emploi');

    const panel = page.getByRole('complementary', { name: 'Orientation' });
    await panel
      .getByRole('combobox', { name: 'Dominante retenue', exact: true })
      .selectOption({ label: 'Dominante remobilisation' });
    await hasText(
      panel.getByRole('alert').filter({ hasText: /Dérogation : la dominante calculée/ }),
      'la dominante calculée (Dominante emploi) est conservée à côté de la dominante retenue (Dominante remobilisation)',
    );
    await panel.getByRole('radio', { name: /^Travailleur social du Département/ }).check();

    // Without a justification (or too short): refused, in French.
    const justification = panel.getByRole('textbox', {
      name: 'Justification de la dérogation',
      exact: true,
    });
    await justification.fill('Santé.');
    await hasText(
      decisionStatus(page),
      'Justification de la dérogation : au moins 20 caractères (actuellement 6)',
    );
    await hasText(decisionStatus(page), 'Décision à compléter');
    expect(await justification.getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByTestId('closing-missing').getByText('Décision d’orientation complète'));

    // With one: accepted, and the computed dominante is still shown beside it.
    const reason = 'Suivi médical lourd en cours, reprise d’activité impossible avant six mois.';
    await justification.fill(reason);
    await hasText(decisionStatus(page), 'Décision complète et enregistrée.');
    await hasText(computedDominante(page), 'Dominante emploi');
    expect(await justification.getAttribute('aria-invalid')).toBe('false');
    await waitSaved(page);

    // The contract carries the decided dominante and the justification.
    await page.getByRole('link', { name: 'Contrat', exact: true }).click();
    const contract = page.getByRole('article');
    await hasText(contract, 'Dominante remobilisation');
    await hasText(contract, `Orientation décidée par les professionnels : ${reason}`);
  });

  it('shows invalid answers in French, naming the field, and keeps what was typed', async () => {
    const { page } = app;
    const { name } = await begin('Démo-Saisie');
    await fillAttendance(page, PROS);
    const email = page.getByRole('textbox', { name: 'Courriel', exact: true });
    const postcode = page.getByRole('textbox', { name: 'Code postal', exact: true });
    const phone = page.getByRole('textbox', { name: 'Téléphone', exact: true });
    await email.fill('andrea.exemple@');
    await postcode.fill('59A');
    await phone.fill('12');

    await visible(
      page.getByText('Courriel : adresse électronique invalide (exemple : nom@exemple.fr)', {
        exact: true,
      }),
    );
    await visible(
      page.getByText('Code postal : code postal à 5 chiffres attendu (exemple : 59200)', {
        exact: true,
      }),
    );
    await visible(
      page.getByText('Téléphone : numéro de téléphone invalide (exemple : 06 12 34 56 78)', {
        exact: true,
      }),
    );
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');

    // The raw text survives a reload, and the errors come back with it.
    await waitSaved(page);
    await reopenInterview(page, name);
    await hasValue(email, 'andrea.exemple@');
    await hasValue(postcode, '59A');
    await visible(
      page.getByText('Code postal : code postal à 5 chiffres attendu', { exact: false }),
    );

    // Corrected, the messages go away.
    await email.fill('andrea.exemple@example.org');
    await postcode.fill('59200');
    await phone.fill('06 12 34 56 78');
    await hidden(page.getByText('Courriel : adresse électronique invalide', { exact: false }));
    await hidden(page.getByText('Code postal : code postal à 5 chiffres', { exact: false }));
    expect(await email.getAttribute('aria-invalid')).toBe('false');
    await waitSaved(page);
  });
});
