import { describe, expect, it } from 'vitest';
import { closeInterview, findMissing } from '../../../shared/domain/completeness';
import { deriveCriteria } from '../../../shared/domain/derive-criteria';
import type { Interview, Signature } from '../../../shared/domain/interview';
import { baseInterview, decisionFor } from '../../fixtures/interviews';

const SIGNED: Signature = { kind: 'paper', signedAt: '2026-03-02T10:30:00+01:00' };

/** A present person's interview with nothing left to do: criteria, decision, signatures, notice. */
function completeInterview(): Interview {
  const interview = baseInterview();
  interview.decision = decisionFor('emploi', 'pe-conseiller');
  interview.contract.signatures = {
    beneficiary: SIGNED,
    peAdvisor: SIGNED,
    cdProfessional: SIGNED,
  };
  return interview;
}

const missingOf = (interview: Interview) =>
  findMissing(interview, deriveCriteria(interview).missing);

describe('findMissing (what closing an interview still needs)', () => {
  it('finds nothing missing in a complete interview of a person present', () => {
    expect(missingOf(completeInterview())).toEqual([]);
  });

  it('asks to confirm each answer pre-filled from the declaration (RDSP), in its section', () => {
    const interview = completeInterview();
    interview.declaredUnconfirmed = ['maritalStatus', 'educationLevel'];
    expect(missingOf(interview)).toEqual([
      { place: 'identity', label: 'Réponse déclarée à confirmer : Situation familiale' },
      { place: 'employment', label: 'Réponse déclarée à confirmer : Niveau de formation' },
    ]);
  });

  it('does not ask to confirm declared answers of a person absent (no diagnostic then)', () => {
    const interview = completeInterview();
    interview.declaredUnconfirmed = ['workSituation'];
    interview.attendance.beneficiary = 'excused';
    expect(missingOf(interview)).toEqual([]);
  });

  it('asks for the three signatures of the contract, each by name', () => {
    const interview = completeInterview();
    interview.contract.signatures = { beneficiary: null, peAdvisor: null, cdProfessional: null };
    expect(missingOf(interview)).toEqual([
      { place: 'contract', label: 'Signature de la personne accompagnée' },
      { place: 'contract', label: 'Signature du conseiller France Travail' },
      { place: 'contract', label: 'Signature du professionnel du Département' },
    ]);
  });

  it.each([
    ['beneficiary', 'Signature de la personne accompagnée'],
    ['peAdvisor', 'Signature du conseiller France Travail'],
    ['cdProfessional', 'Signature du professionnel du Département'],
  ] as const)('asks for the signature of %s alone when only it is missing', (who, label) => {
    const interview = completeInterview();
    interview.contract.signatures[who] = null;
    expect(missingOf(interview)).toEqual([{ place: 'contract', label }]);
  });

  it('asks for a complete orientation decision', () => {
    const interview = completeInterview();
    interview.decision = null;
    expect(missingOf(interview)).toEqual([
      { place: 'decision', label: 'Décision d’orientation complète' },
    ]);
  });

  it('lists the missing criteria answers in the section where they are given', () => {
    const interview = completeInterview();
    interview.employment.availability = null;
    interview.employment.workSituation = null;
    interview.barriers.health = {
      situations: ['difficulte-d-acces-aux-soins'],
      severity: null,
      notes: '',
    };
    expect(missingOf(interview)).toEqual([
      { place: 'employment', label: "Disponibilité vers l'emploi" },
      { place: 'employment', label: 'Situation professionnelle' },
      { place: 'barriers', label: 'Niveau du frein — Santé' },
    ]);
  });

  it('places an identity answer in the identity section', () => {
    const interview = completeInterview();
    const missing = findMissing(interview, [
      { field: 'identity.rsaRightsOpenedOn', label: 'Date d’ouverture des droits' },
    ]);
    expect(missing).toEqual([{ place: 'identity', label: 'Date d’ouverture des droits' }]);
  });

  it('shows the labels the caller gives for the criteria (the référentiel’s wording)', () => {
    const missing = findMissing(completeInterview(), [
      { field: 'barriers.mobility.severity', label: 'Niveau du frein — Mobilité (référentiel)' },
    ]);
    expect(missing).toEqual([
      { place: 'barriers', label: 'Niveau du frein — Mobilité (référentiel)' },
    ]);
  });

  it('asks that the person be told about the data sent for the evaluation', () => {
    const interview = completeInterview();
    interview.consent.evaluationNoticeGiven = false;
    expect(missingOf(interview)).toEqual([
      {
        place: 'consent',
        label: 'Information sur la transmission de données pour l’évaluation',
      },
    ]);
  });

  it('asks for both professionals and the attendance first, and nothing else before it', () => {
    const interview = completeInterview();
    interview.attendance = {
      peAdvisor: null,
      cdProfessional: null,
      beneficiary: null,
      absence: null,
    };
    interview.decision = null;
    expect(missingOf(interview)).toEqual([
      { place: 'attendance', label: 'Nom du conseiller France Travail' },
      { place: 'attendance', label: 'Nom du professionnel du Département' },
      { place: 'attendance', label: 'Présence de la personne convoquée' },
    ]);
  });

  describe('a person absent', () => {
    function absentInterview(suspensionNoticeGiven: boolean): Interview {
      // Nothing of the diagnostic is needed: no criteria, decision, signatures nor notice.
      const interview = baseInterview();
      interview.employment.availability = null;
      interview.consent.evaluationNoticeGiven = false;
      interview.attendance.beneficiary = 'absent';
      interview.attendance.absence = {
        suspensionNoticeGiven,
        justificationDeadline: '2026-07-02',
        comment: '',
      };
      return interview;
    }

    it('needs only the suspension notice', () => {
      expect(missingOf(absentInterview(false))).toEqual([
        { place: 'attendance', label: 'Avis de suspension pour absence' },
      ]);
    });

    it('can be closed once the suspension notice is recorded', () => {
      expect(missingOf(absentInterview(true))).toEqual([]);
    });

    it('still needs the two professionals', () => {
      const interview = absentInterview(true);
      interview.attendance.cdProfessional = null;
      expect(missingOf(interview)).toEqual([
        { place: 'attendance', label: 'Nom du professionnel du Département' },
      ]);
    });
  });

  it('needs nothing more for a person excused (to be convened again)', () => {
    const interview = baseInterview();
    interview.attendance.beneficiary = 'excused';
    interview.employment.availability = null;
    expect(missingOf(interview)).toEqual([]);
  });
});

describe('closeInterview', () => {
  it('closes the interview at the given time and changes nothing else', () => {
    const interview = completeInterview();
    const closed = closeInterview(interview, '2026-03-02T11:00:00+01:00');
    expect(closed).toEqual({
      ...interview,
      status: 'closed',
      closedAt: '2026-03-02T11:00:00+01:00',
    });
    expect(interview.status).toBe('draft');
  });
});
