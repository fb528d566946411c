import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildEvaluationRow,
  buildEvaluationRows,
  EVALUATION_COLUMNS,
  EVALUATION_HEADER,
  evaluationRowsToCsv,
  keyedHashPseudonymiser,
  normaliseName,
  normalisePhone,
} from '../../../shared/indicators';
import { parseCsv, UTF8_BOM } from '../../../shared/util/csv';
import { interviewOf } from './helpers';

const SECRET = 'secret-de-test-pas-en-production';

function fullInterview() {
  return interviewOf({
    id: 'itw-1',
    person: 'ben-1',
    date: '2026-03-02',
    opened: '2026-02-20',
    dominante: 'emploi',
    hours: 'standard',
    dues: ['2026-03-20', '2026-03-10'],
    edit: (i) => {
      i.identity.firstName = 'Élodie';
      i.identity.lastName = 'Fictif-Test';
      i.identity.birthDate = '1990-04-12';
      i.identity.sex = 'F';
      i.identity.address = {
        street: '12 rue de l\'Exemple; bât. "B"',
        postcode: '59200',
        city: 'Tourcoing',
        inseeCode: '59599',
      };
      i.identity.email = 'Elodie.Fictif@exemple.invalid';
      i.identity.phone = '+33 6 00 00 00 01';
      i.identity.maritalStatus = 'single';
      i.identity.dependentChildren = 2;
      i.identity.childrenUnder3 = 1;
      i.employment.educationLevel = 'NV4';
      i.employment.workSituation = 'job-seeking';
    },
  });
}

describe('the evaluation export (Annexe 8)', () => {
  it('has the identification, professional and personal columns, each documented', () => {
    const dictionary = readFileSync(
      new URL('../../../docs/evaluation-data-dictionary.md', import.meta.url),
      'utf8',
    );
    expect(new Set(EVALUATION_HEADER).size).toBe(EVALUATION_HEADER.length);
    for (const key of [
      'nom',
      'prenom',
      'date_naissance',
      'adresse',
      'code_postal',
      'courriel',
      'telephone',
      'sexe',
      'date_entree_parcours',
      'date_sortie_parcours',
      'action_1_debut',
      'action_1_fin',
      'diplome_plus_eleve',
      'situation_professionnelle',
      'emploi_trouve',
      'formation_trouvee',
      'salarie_ou_independant',
      'type_contrat',
      'temps_plein_ou_partiel',
      'situation_familiale',
      'enfants_a_charge',
      'nb_enfants_a_charge',
      'nb_enfants_moins_3_ans',
    ]) {
      expect(EVALUATION_HEADER).toContain(key);
    }
    for (const column of EVALUATION_COLUMNS) {
      const documented = column.key.startsWith('action_')
        ? column.key.replace(/^action_\d+_/, 'action_N_')
        : column.key;
      expect(dictionary, `${column.key} is documented`).toContain(`\`${documented}\``);
    }
  });

  it('maps an interview and its follow-up to one row', () => {
    const interview = fullInterview();
    const row = buildEvaluationRow({
      interview,
      followUp: {
        beneficiaryId: 'ben-1',
        parcoursEntryDate: null,
        parcoursExitDate: '2026-09-01',
        jobFound: true,
        trainingFound: false,
        employmentKind: 'employee',
        contractType: 'CDD',
        workingTime: 'part',
        actions: [{ actionId: 'itw-1-action-2', startedOn: '2026-03-11', endedOn: null }],
      },
    });
    expect(row).toMatchObject({
      id_entretien: 'itw-1',
      id_beneficiaire: 'ben-1',
      date_entretien: '2026-03-02',
      cohorte: 'nouvel entrant',
      date_ouverture_droits: '2026-02-20',
      presence: 'présent',
      nom: 'Fictif-Test',
      prenom: 'Élodie',
      date_naissance: '1990-04-12',
      annee_naissance: 1990,
      code_postal: '59200',
      commune: 'Tourcoing',
      code_insee_commune: '59599',
      sexe: 'F',
      date_entree_parcours: '2026-03-02',
      date_sortie_parcours: '2026-09-01',
      dominante: 'emploi',
      structure_referente: 'pe-conseiller',
      accompagnement_intensif: 'oui',
      nb_actions: 2,
      // Actions in due-date order: the one due on the 10th first.
      action_1_echeance: '2026-03-10',
      action_1_debut: '2026-03-11',
      action_1_fin: null,
      action_1_libelle: 'Action 2',
      action_2_echeance: '2026-03-20',
      action_2_debut: null,
      action_3_domaine: null,
      diplome_plus_eleve: 'NV4',
      situation_professionnelle: "en recherche d'emploi",
      emploi_trouve: 'oui',
      formation_trouvee: 'non',
      salarie_ou_independant: 'salarié',
      type_contrat: 'CDD',
      temps_plein_ou_partiel: 'temps partiel',
      situation_familiale: 'célibataire',
      enfants_a_charge: 'oui',
      nb_enfants_a_charge: 2,
      nb_enfants_moins_3_ans: 1,
    });
    expect(Object.keys(row).sort()).toEqual([...EVALUATION_HEADER].sort());
  });

  it('leaves unknown follow-up answers empty rather than guessing', () => {
    const row = buildEvaluationRow({ interview: fullInterview() });
    expect(row.emploi_trouve).toBeNull();
    expect(row.date_sortie_parcours).toBeNull();
    expect(row.action_1_debut).toBeNull();
  });

  it('refuses the follow-up of another beneficiary', () => {
    expect(() =>
      buildEvaluationRow({
        interview: fullInterview(),
        followUp: {
          beneficiaryId: 'someone-else',
          parcoursEntryDate: null,
          parcoursExitDate: null,
          jobFound: null,
          trainingFound: null,
          employmentKind: null,
          contractType: null,
          workingTime: null,
          actions: [],
        },
      }),
    ).toThrow(/another beneficiary/);
  });

  describe('pseudonymised', () => {
    const pseudonymise = keyedHashPseudonymiser(SECRET);
    const row = buildEvaluationRow({ interview: fullInterview() }, { pseudonymise });

    it('replaces every hashed column by 64 hex characters that do not contain the value', () => {
      for (const column of EVALUATION_COLUMNS.filter((c) => c.pseudonymised === 'hashed')) {
        const value = row[column.key];
        expect(value, column.key).toMatch(/^[0-9a-f]{64}$/);
      }
      const text = JSON.stringify(row).toLowerCase();
      for (const secret of [
        'elodie',
        'élodie',
        'fictif',
        'exemple.invalid',
        '1990-04-12',
        '00 01',
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('removes free text and keeps what the statistics need', () => {
      expect(row.action_1_libelle).toBeNull();
      expect(row.action_1_domaine).toBe('emploi');
      expect(row.annee_naissance).toBe(1990);
      expect(row.code_postal).toBe('59200');
      expect(row.sexe).toBe('F');
    });

    it('is stable across writings of the same person, and differs with another secret', () => {
      const other = interviewOf({
        id: 'itw-2',
        person: 'ben-1',
        date: '2026-06-01',
        opened: '2026-02-20',
      });
      other.identity.firstName = 'ELODIE';
      other.identity.lastName = 'fictif test';
      other.identity.phone = '06 00 00 00 01';
      const again = buildEvaluationRow({ interview: other }, { pseudonymise });
      expect(again.id_beneficiaire).toBe(row.id_beneficiaire);
      expect(again.prenom).toBe(row.prenom);
      expect(again.nom).toBe(row.nom);
      expect(again.telephone).toBe(row.telephone);
      expect(again.id_entretien).not.toBe(row.id_entretien);
      const otherKey = buildEvaluationRow(
        { interview: fullInterview() },
        { pseudonymise: keyedHashPseudonymiser('un-autre-secret-assez-long') },
      );
      expect(otherKey.id_beneficiaire).not.toBe(row.id_beneficiaire);
    });

    it('refuses a short secret', () => {
      expect(() => keyedHashPseudonymiser('court')).toThrow(/16 characters/);
    });
  });

  it.each([
    ['Élodie  Fictif-Test', 'elodie fictif test'],
    ["N'Guessan", 'n guessan'],
  ])('normalises the name %s', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it.each([
    ['+33 6 00 00 00 01', '0600000001'],
    ['0033 6 00 00 00 01', '0600000001'],
    ['06.00.00.00.01', '0600000001'],
  ])('normalises the phone %s', (phone, expected) => {
    expect(normalisePhone(phone)).toBe(expected);
  });

  it('keeps closed interviews of the period, latest version first, with follow-ups by person', () => {
    const closed = fullInterview();
    const draft = interviewOf({
      id: 'itw-d',
      person: 'ben-2',
      date: '2026-03-05',
      opened: '2026-03-01',
      status: 'draft',
    });
    const old = interviewOf({
      id: 'itw-v1',
      person: 'ben-3',
      date: '2026-03-04',
      opened: '2026-03-01',
    });
    const corrected = interviewOf({
      id: 'itw-v2',
      person: 'ben-3',
      date: '2026-03-04',
      opened: '2026-03-01',
      version: 2,
      previousVersionId: 'itw-v1',
    });
    const outside = interviewOf({
      id: 'itw-o',
      person: 'ben-4',
      date: '2026-05-01',
      opened: '2026-04-20',
    });
    const rows = buildEvaluationRows(
      [closed, draft, old, corrected, outside].map((interview) => ({ interview })),
      {
        period: { from: '2026-03-01', to: '2026-03-31' },
        followUps: [
          {
            beneficiaryId: 'ben-3',
            parcoursEntryDate: '2026-03-04',
            parcoursExitDate: null,
            jobFound: false,
            trainingFound: true,
            employmentKind: null,
            contractType: null,
            workingTime: null,
            actions: [],
          },
        ],
      },
    );
    expect(rows.map((r) => r.id_entretien)).toEqual(['itw-1', 'itw-v2']);
    expect(rows[1]?.formation_trouvee).toBe('oui');
  });

  it('writes a CSV a French spreadsheet opens: BOM, « ; », CRLF, quoted fields read back', () => {
    const rows = buildEvaluationRows([{ interview: fullInterview() }]);
    const csv = evaluationRowsToCsv(rows, { separator: ';', bom: true });
    expect(csv.startsWith(`${UTF8_BOM}id_entretien;id_beneficiaire;`)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    const parsed = parseCsv(csv);
    expect(parsed.records[0]?.cells).toEqual([...EVALUATION_HEADER]);
    const cells = parsed.records[1]?.cells ?? [];
    const at = (key: string) => cells[EVALUATION_HEADER.indexOf(key)];
    expect(at('adresse')).toBe('12 rue de l\'Exemple; bât. "B"');
    expect(at('prenom')).toBe('Élodie');
    expect(at('telephone')).toBe('+33 6 00 00 00 01');
    expect(at('nb_enfants_a_charge')).toBe('2');
  });
});
