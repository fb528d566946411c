/**
 * Generated, obviously fake people and interviews for demos, tests and benchmarks. Personal data
 * is sensitive: no fixture may look like a real person, so every surname says it is fake.
 * Deterministic for a given seed (the randomness is passed in, as everywhere in shared/).
 */
import { BARRIER_DOMAINS, type Criteria } from '../domain/criteria';
import type { Interview } from '../domain/interview';
import { newInterview } from '../domain/interview';
import type { Beneficiary } from '../domain/people';
import { addDays, addMonths, type IsoDate } from '../util/dates';

/** A small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Alix',
  'Camille',
  'Dominique',
  'Eden',
  'Gaby',
  'Lou',
  'Maxime',
  'Noa',
  'Sacha',
  'Yael',
  'Charlie',
  'Morgan',
  'Andrea',
  'Claude',
  'Jessy',
  'Louison',
] as const;
const FAKE_SURNAMES = [
  'Fictif',
  'Exemple',
  'Démo',
  'Essai',
  'Spécimen',
  'Factice',
  'Témoin',
  'Modèle',
] as const;
const CITIES = [
  { city: 'Tourcoing', postcode: '59200', inseeCode: '59599' },
  { city: 'Roubaix', postcode: '59100', inseeCode: '59512' },
  { city: 'Lille', postcode: '59000', inseeCode: '59350' },
  { city: 'Wattrelos', postcode: '59150', inseeCode: '59650' },
] as const;

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function fakeBeneficiary(random: () => number, index: number, today: IsoDate): Beneficiary {
  const ageYears = 18 + Math.floor(random() * 45);
  const city = pick(random, CITIES);
  const cohort = random() < 0.7 ? 'flux' : 'stock';
  const openedDaysAgo =
    cohort === 'flux' ? Math.floor(random() * 25) : 180 + Math.floor(random() * 2500);
  const firstName = pick(random, FIRST_NAMES);
  const lastName = `${pick(random, FAKE_SURNAMES)}-${index + 1}`;
  return {
    id: `demo-${String(index + 1).padStart(6, '0')}`,
    firstName,
    lastName,
    birthDate: addDays(addMonths(today, -12 * ageYears), -Math.floor(random() * 360)),
    sex: random() < 0.5 ? 'F' : 'M',
    address: {
      street: `${1 + Math.floor(random() * 120)} rue de l'Exemple`,
      postcode: city.postcode,
      city: city.city,
      inseeCode: city.inseeCode,
    },
    email: `${firstName.toLowerCase()}.${index + 1}@exemple.invalid`,
    phone: `06 00 00 ${String(Math.floor(random() * 90) + 10)} ${String(Math.floor(random() * 90) + 10)}`,
    rsaRightsOpenedOn: addDays(today, -openedDaysAgo),
    cohort,
  };
}

/** A random but valid criteria object (for property tests and benchmarks). */
export function fakeCriteria(random: () => number): Criteria {
  const barriers: Criteria['barriers'] = {};
  for (const domain of BARRIER_DOMAINS) {
    const r = random();
    if (r < 0.55) continue;
    barriers[domain] = r < 0.85 ? 'light' : r < 0.95 ? 'heavy' : 'none';
  }
  return {
    availability: pick(random, ['immediate', 'immediate', 'soon', 'unavailable'] as const),
    motivationWork: pick(random, ['yes', 'yes', 'partial', 'no'] as const),
    motivationSupport: pick(random, ['yes', 'yes', 'partial', 'no'] as const),
    autonomy: pick(random, ['full', 'full', 'partial', 'none'] as const),
    lastExperience: pick(random, ['recent', 'medium', 'distant', 'never'] as const),
    rsaSeniorityMonths: Math.floor(random() * 120),
    age: 18 + Math.floor(random() * 50),
    employmentStatus: pick(random, [
      'unemployed',
      'unemployed',
      'unemployed',
      'partTime',
      'fullTime',
    ] as const),
    barriers,
  };
}

/** A draft interview for a fake person, with the employment answers filled in at random. */
export function fakeInterview(
  random: () => number,
  index: number,
  date: IsoDate,
  now: string,
): Interview {
  const beneficiary = fakeBeneficiary(random, index, date);
  const interview = newInterview({
    id: `itw-${String(index + 1).padStart(6, '0')}`,
    beneficiary,
    date,
    place: 'Tourcoing — Maison Nord Emploi',
    now,
  });
  const criteria = fakeCriteria(random);
  interview.attendance = {
    peAdvisor: { name: 'Conseiller Démo', role: 'pe-advisor' },
    cdProfessional: { name: 'Travailleuse sociale Démo', role: 'cd-social-worker' },
    beneficiary: 'present',
    absence: null,
  };
  interview.employment.availability = criteria.availability;
  interview.employment.motivationWork = criteria.motivationWork;
  interview.employment.motivationSupport = criteria.motivationSupport;
  interview.employment.autonomy = criteria.autonomy;
  interview.employment.workSituation =
    criteria.employmentStatus === 'unemployed' ? 'job-seeking' : 'employed';
  interview.employment.workingTime =
    criteria.employmentStatus === 'fullTime'
      ? 'full'
      : criteria.employmentStatus === 'partTime'
        ? 'part'
        : null;
  interview.employment.neverWorked = criteria.lastExperience === 'never';
  interview.employment.lastJobDate =
    criteria.lastExperience === 'never'
      ? null
      : addMonths(
          date,
          -({ recent: 6, medium: 24, distant: 60 } as const)[criteria.lastExperience],
        );
  for (const domain of BARRIER_DOMAINS) {
    interview.barriers[domain].severity = criteria.barriers[domain] ?? 'none';
  }
  return interview;
}
