import { describe, expect, it } from 'vitest';
import { NORD_2023, loadReferential } from '../../../shared/referential';
import nordData from '../../../shared/referential/data/nord-2023.json';
import {
  commitmentHoursOf,
  departementOf,
  epciLookupOf,
  matchZone,
  type Service,
  ServiceSchema,
  suggestServices,
  themeMatches,
  weeklyPlan,
} from '../../../shared/services';
import { baseInterview, decisionFor } from '../../fixtures/interviews';
import { CATALOGUE } from './fixtures';

const services: Service[] = CATALOGUE.map((s) => ServiceSchema.parse(s));
const METROPOLE_EPCI = '200093201';
const epciOf = (commune: string) => (commune.startsWith('59') ? METROPOLE_EPCI : undefined);

function personIn(inseeCode: string | undefined) {
  const interview = baseInterview();
  interview.identity.address = {
    street: "1 rue de l'Exemple",
    postcode: '59200',
    city: 'Tourcoing',
    ...(inseeCode ? { inseeCode } : {}),
  };
  interview.barriers.mobility.severity = 'light';
  interview.barriers.family.severity = 'heavy';
  interview.barriers.digital.severity = 'light';
  interview.barriers.housing.severity = 'none';
  return interview;
}

describe('suggestServices', () => {
  it('suggests, heavy barriers first, the services of each domain that cover the commune', () => {
    const result = suggestServices(services, personIn('59599'), NORD_2023, { epciOf });
    expect(result.mappingAvailable).toBe(true);
    expect(result.communeCode).toBe('59599');
    expect(result.domains.map((d) => [d.domain, d.severity])).toEqual([
      ['family', 'heavy'],
      ['mobility', 'light'],
      ['digital', 'light'],
    ]);
    const ids = (domain: string) =>
      result.domains.find((d) => d.domain === domain)?.services.map((s) => [s.service.id, s.zone]);
    // The most local first; the Pas-de-Calais service does not cover Tourcoing.
    expect(ids('mobility')).toEqual([
      ['test--auto-ecole-sociale', 'commune'],
      ['test--garage-solidaire', 'epci'],
      ['test--plateforme-mobilite-nord', 'departement'],
      ['test--aide-nationale', 'france'],
    ]);
    // Only the sous-thématiques the référentiel names for family.
    expect(ids('family')).toEqual([['test--creche', 'commune']]);
    expect(ids('digital')).toEqual([['test--atelier-numerique', 'unspecified']]);
  });

  it('does not match an EPCI zone without the commune → EPCI lookup', () => {
    const result = suggestServices(services, personIn('59599'), NORD_2023);
    const mobility = result.domains.find((d) => d.domain === 'mobility');
    expect(mobility?.services.map((s) => s.service.id)).not.toContain('test--garage-solidaire');
  });

  it('looks a commune up in the EPCIs the server published (epciLookupOf)', () => {
    const epciOf = epciLookupOf([
      { code: METROPOLE_EPCI, nom: 'Métropole Européenne de Lille', communes: ['59350', '59599'] },
      { code: '200044618', nom: 'CA Douaisis Agglo', communes: ['59178'] },
    ]);
    expect(['59599', '59178', '62041'].map((commune) => epciOf(commune))).toEqual([
      METROPOLE_EPCI,
      '200044618',
      undefined,
    ]);
    const inDouai = suggestServices(services, personIn('59178'), NORD_2023, { epciOf });
    const mobility = inDouai.domains.find((d) => d.domain === 'mobility');
    expect(mobility?.services.map((s) => s.service.id)).not.toContain('test--garage-solidaire');
  });

  it('suggests only national services when the commune is not known', () => {
    const result = suggestServices(services, personIn(undefined), NORD_2023, {
      includeUnspecifiedZone: false,
    });
    expect(result.communeCode).toBeNull();
    expect(result.domains.flatMap((d) => d.services.map((s) => s.service.id))).toEqual([
      'test--aide-nationale',
    ]);
  });

  it('suggests nothing for a person without barriers', () => {
    expect(suggestServices(services, baseInterview(), NORD_2023).domains).toEqual([]);
  });

  it('says so when the référentiel has no thématiques mapping', () => {
    const { serviceThemes: _ignored, ...withoutMapping } = nordData;
    const result = suggestServices(services, personIn('59599'), loadReferential(withoutMapping));
    expect(result.mappingAvailable).toBe(false);
    expect(result.domains.every((d) => d.themes.length === 0 && d.services.length === 0)).toBe(
      true,
    );
  });

  it.each([
    ['mobilite', 'mobilite', true],
    ['mobilite', 'mobilite--preparer-un-permis', true],
    ['mobilite', 'mobilites-douces', false],
    ['famille--garde-denfants', 'famille--garde-denfants', true],
    ['famille--garde-denfants', 'famille--soutien-aidants', false],
    ['famille--garde-denfants', 'famille', false],
  ])('the pattern %s matches %s: %s', (pattern, theme, expected) => {
    expect(themeMatches(pattern, theme)).toBe(expected);
  });

  it.each([
    ['59599', '59'],
    ['2A004', '2A'],
    ['97411', '974'],
  ])('the commune %s is in département %s', (commune, departement) => {
    expect(departementOf(commune)).toBe(departement);
  });

  it('never lets a foreign country code cover a French commune', () => {
    expect(matchZone(['99134'], '59599')).toBeNull();
    expect(matchZone(['99100'], '59599')).toBe('france');
  });

  it('maps every barrier domain of the Nord référentiel to thématiques', () => {
    const mapped = Object.keys(NORD_2023.serviceThemes?.byDomain ?? {}).sort();
    expect(mapped).toEqual(NORD_2023.barrierDomains.map((d) => d.code).sort());
  });
});

describe('weeklyPlan', () => {
  const planned = (id: string, hours: number | null, weeks: number | null = null) => ({
    id,
    nom: id,
    volume_horaire_hebdomadaire: hours,
    nombre_semaines: weeks,
  });

  it('adds up the weekly hours and says how far they are from the commitment', () => {
    const plan = weeklyPlan([planned('a', 6, 2), planned('b', 2.5), planned('c', null)], 15);
    expect(plan).toEqual({
      totalHours: 8.5,
      commitmentHours: 15,
      gapHours: -6.5,
      status: 'below',
      withoutHours: ['c'],
      // Service a lasts two weeks: the plan has a week-by-week view for them.
      byWeek: [
        { week: 1, hours: 8.5, status: 'below' },
        { week: 2, hours: 8.5, status: 'below' },
      ],
    });
  });

  it('meets the commitment exactly, or goes above it', () => {
    expect(weeklyPlan([planned('a', 10), planned('b', 5)], 15).status).toBe('met');
    expect(weeklyPlan([planned('a', 0.1), planned('b', 0.2)], 0.3).status).toBe('met');
    expect(weeklyPlan([planned('a', 21)], 20)).toMatchObject({ gapHours: 1, status: 'above' });
    expect(weeklyPlan([], 15)).toMatchObject({ totalHours: 0, gapHours: -15, byWeek: [] });
  });

  it.each([
    [{ mode: 'standard', hours: 18 }, 18],
    [
      {
        mode: 'progressive',
        startHours: 5,
        targetHours: 15,
        reachTargetByWeek: 6,
        motive: 'health',
        detail: '',
      },
      15,
    ],
    [{ mode: 'reduced', hours: 8, motive: 'family', detail: '' }, 8],
    [{ mode: 'exempt', motive: 'health', detail: '' }, 0],
  ] as const)('reads the commitment of a %o decision', (weeklyHours, expected) => {
    expect(
      commitmentHoursOf(decisionFor('emploi', 'pe-conseiller', { weeklyHours }).weeklyHours),
    ).toBe(expected);
  });
});
