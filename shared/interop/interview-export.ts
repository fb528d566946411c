/**
 * The export of closed interviews for the neighbouring systems (DOMAIN §9: ParcoursRSA, the
 * département's system, and MAP, France Travail's advisor tool; issue 13): a documented,
 * versioned JSON format (docs/interop.md) with the identity references, the interview, the
 * orientation with its reasons, the référent unique and the contract (CEO) as signed.
 *
 * Built from the stored interview with the domain's own code: the orientation reasons from the
 * engine (shared/orientation) run on the interview's criteria with the référentiel that decided,
 * the contract from the CEO draft (shared/ceo). Only what those systems need: no contact details,
 * no free-text notes (employment, barriers, synthesis, absence, opinions' comments), no signature
 * images; free text appears only where the contract itself states it (action labels, the
 * exemption detail, the override's justification).
 */
import { z } from 'zod';
import { buildCeoDraft, type CeoDraft } from '../ceo/build-ceo-draft';
import { BarrierDomainSchema } from '../domain/criteria';
import { deriveCriteria } from '../domain/derive-criteria';
import type { OrientationDecision } from '../domain/decision';
import type { Interview, Signature } from '../domain/interview';
import { IdSchema, ProfessionalRoleSchema, SexSchema, CohortSchema } from '../domain/people';
import { evaluateOrientation } from '../orientation/evaluate-orientation';
import type { Referential, ReferentialRef } from '../referential/load-referential';
import { IsoDateSchema, IsoDateTimeSchema } from '../util/dates';
import { type FieldIssue, ValidationError } from '../util/errors';

export const INTERVIEW_EXPORT_FORMAT = 'codiag.interview-export';
export const INTERVIEW_EXPORT_VERSION = '1.0';

const Code = z.string().min(1).max(64);
const Label = z.string().max(2000);

const ReferentialRefSchema = z.strictObject({
  id: Code,
  version: z.string().min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
});

const ExportedProfessionalSchema = z.strictObject({
  name: z.string().min(1).max(120),
  role: ProfessionalRoleSchema,
});

const ExportedSignatureSchema = z.strictObject({
  signed: z.boolean(),
  /** `drawn` on screen or `paper`; null when not signed. The drawing itself is never exported. */
  kind: z.enum(['drawn', 'paper']).nullable(),
  signedAt: IsoDateTimeSchema.nullable(),
});

const ReasonSchema = z.strictObject({
  criterion: Code,
  label: Label,
  answer: z.union([z.string(), z.number()]),
  answerLabel: Label,
  /** The matrix column the answer points to, or null (informative criterion). */
  column: Code.nullable(),
  columnLabel: Label.nullable(),
});

export const ExportedInterviewSchema = z.strictObject({
  person: z.strictObject({
    /** codiag's id of the person (stable across interviews). */
    beneficiaryId: IdSchema,
    lastName: z.string().min(1).max(100),
    firstName: z.string().min(1).max(100),
    birthDate: IsoDateSchema,
    sex: SexSchema.nullable(),
    rsaRightsOpenedOn: IsoDateSchema,
    cohort: CohortSchema,
  }),
  interview: z.strictObject({
    id: IdSchema,
    /** 1, or more for a correction of a closed interview; it replaces `previousVersionId`. */
    version: z.number().int().min(1),
    previousVersionId: IdSchema.nullable(),
    date: IsoDateSchema,
    place: z.string().max(200),
    closedAt: IsoDateTimeSchema,
    /** The territory the server files the interview under; null when unknown. */
    territory: z.string().max(64).nullable(),
    peAdvisor: ExportedProfessionalSchema,
    cdProfessional: ExportedProfessionalSchema,
  }),
  orientation: z.strictObject({
    computed: z.strictObject({
      dominante: Code,
      dominanteLabel: Label,
      ruleId: Code,
      ruleLabel: Label,
    }),
    /** Every criterion with its answer and the matrix column it points to. */
    reasons: z.array(ReasonSchema),
    /** Each professional's opinion (dominante only), null when none was given. */
    opinions: z.strictObject({ peAdvisor: Code.nullable(), cdProfessional: Code.nullable() }),
    final: z.strictObject({ dominante: Code, label: Label, nationalParcours: Label }),
    override: z.strictObject({ dominante: Code, justification: z.string().min(1) }).nullable(),
    eligibleForIntensiveSupport: z.boolean(),
  }),
  referent: z.strictObject({
    structureId: Code,
    structureLabel: Label,
    /** The person named as référent unique, when known. */
    name: z.string().max(120).nullable(),
  }),
  contract: z.strictObject({
    parcours: z.strictObject({
      startDate: IsoDateSchema,
      durationMonths: z.number().int().min(0),
      endDate: IsoDateSchema,
      renewalMonths: z.number().int().min(0),
      latestEndIfRenewed: IsoDateSchema,
      reviewDate: IsoDateSchema,
      reviewLabel: Label,
      interviewFrequency: Label,
      followUpInEmployment: Label.nullable(),
    }),
    weeklyCommitment: z.strictObject({
      mode: z.enum(['standard', 'progressive', 'reduced', 'exempt']),
      /** Hours a week: the target (standard, progressive) or the reduced hours; null if exempt. */
      hours: z.number().min(0).max(35).nullable(),
      /** A progressive schedule's first weeks; empty otherwise. */
      schedule: z.array(
        z.strictObject({ week: z.number().int().min(1), hours: z.number().min(0).max(35) }),
      ),
      /** The exemption motive's code in the référentiel; null for standard hours. */
      motive: Code.nullable(),
      motiveLabel: Label.nullable(),
      /** The explanation as the contract states it, or null. */
      detail: Label.nullable(),
      summary: Label,
    }),
    actions: z.array(
      z.strictObject({
        id: IdSchema,
        label: z.string().min(1).max(300),
        dueDate: IsoDateSchema,
        domain: z.union([BarrierDomainSchema, z.literal('employment')]),
        /** data.inclusion ids of the local services mobilised. */
        serviceIds: z.array(z.string().max(200)),
      }),
    ),
    commitments: z.strictObject({
      beneficiary: z.array(Label),
      franceTravail: z.array(Label),
      departement: z.array(Label),
    }),
    consents: z.strictObject({
      contactBySms: z.boolean().nullable(),
      contactByEmail: z.boolean().nullable(),
      dataSharingPeCd: z.boolean().nullable(),
      evaluationNoticeGiven: z.boolean(),
    }),
    signatures: z.strictObject({
      beneficiary: ExportedSignatureSchema,
      peAdvisor: ExportedSignatureSchema,
      cdProfessional: ExportedSignatureSchema,
      /** All three parties signed. */
      complete: z.boolean(),
    }),
  }),
  /** The référentiel version that produced the orientation and the contract. */
  referential: ReferentialRefSchema,
});
export type ExportedInterview = z.infer<typeof ExportedInterviewSchema>;

/** The whole file: one document, format id and version first. */
export const InterviewExportSchema = z.strictObject({
  format: z.literal(INTERVIEW_EXPORT_FORMAT),
  version: z.literal(INTERVIEW_EXPORT_VERSION),
  exportedAt: IsoDateTimeSchema,
  period: z.strictObject({ from: IsoDateSchema, to: IsoDateSchema }),
  /** The territory asked for, or null for all. */
  territory: z.string().max(64).nullable(),
  interviews: z.array(ExportedInterviewSchema),
});
export type InterviewExport = z.infer<typeof InterviewExportSchema>;

/** Finds the référentiel version a decision names (id, version and content hash). */
export type ReferentialLookup = (ref: ReferentialRef) => Referential | undefined;

/** What refuses an interview for export; every failing field is named. */
export function exportIssues(interview: Interview): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (interview.status !== 'closed') {
    issues.push({ path: 'status', message: `expected "closed", got "${interview.status}"` });
  }
  if (interview.closedAt === null) {
    issues.push({ path: 'closedAt', message: 'expected the closing date-time' });
  }
  if (interview.decision === null) {
    issues.push({ path: 'decision', message: 'expected an orientation decision' });
  }
  if (interview.attendance.beneficiary !== 'present') {
    issues.push({ path: 'attendance.beneficiary', message: 'expected "present"' });
  }
  if (interview.attendance.peAdvisor === null) {
    issues.push({ path: 'attendance.peAdvisor', message: 'expected the France Travail advisor' });
  }
  if (interview.attendance.cdProfessional === null) {
    issues.push({ path: 'attendance.cdProfessional', message: 'expected the CD professional' });
  }
  return issues;
}

const signatureOf = (s: Signature | null): z.infer<typeof ExportedSignatureSchema> =>
  s === null
    ? { signed: false, kind: null, signedAt: null }
    : { signed: true, kind: s.kind, signedAt: s.signedAt };

/**
 * One closed, decided interview as exported. Throws a ValidationError naming the field when the
 * interview is not closed or has no decision, when the référentiel is not the one that decided,
 * or when the engine no longer gives the stored result on the stored answers.
 */
export function exportInterview(
  interview: Interview,
  referential: Referential,
  territory: string | null = null,
): ExportedInterview {
  const what = `interview ${interview.id}`;
  const issues = exportIssues(interview);
  const { decision, closedAt } = interview;
  const { peAdvisor, cdProfessional } = interview.attendance;
  if (
    issues.length > 0 ||
    decision === null ||
    closedAt === null ||
    peAdvisor === null ||
    cdProfessional === null
  ) {
    throw new ValidationError(what, issues);
  }
  const { computed } = decision;
  if (
    computed.referentialId !== referential.id ||
    computed.referentialVersion !== referential.version ||
    computed.referentialHash !== referential.contentHash
  ) {
    throw new ValidationError(what, [
      {
        path: 'decision.computed.referentialHash',
        message: `expected the référentiel that decided (${computed.referentialId}@${computed.referentialVersion}), got ${referential.id}@${referential.version}`,
      },
    ]);
  }
  const derived = deriveCriteria(interview);
  if (!derived.complete) {
    throw new ValidationError(
      what,
      derived.missing.map((m) => ({ path: m.field, message: 'expected an answer (criterion)' })),
    );
  }
  const result = evaluateOrientation(derived.criteria, referential);
  if (result.dominante !== computed.dominante || result.rule.id !== computed.ruleId) {
    throw new ValidationError(what, [
      {
        path: 'decision.computed',
        message: `expected the engine's result on the stored answers (${result.dominante}, rule ${result.rule.id}), got ${computed.dominante}, rule ${computed.ruleId}`,
      },
    ]);
  }
  // The draft's own id and date are not exported; proposed actions get ids tied to the interview.
  let counter = 0;
  const draft: CeoDraft = buildCeoDraft(interview, decision, referential, {
    now: closedAt,
    newId: () => `${interview.id}-proposed-${counter++}`,
  });
  const hours = decision.weeklyHours;
  const { identity, contract } = interview;
  const signatures = {
    beneficiary: signatureOf(contract.signatures.beneficiary),
    peAdvisor: signatureOf(contract.signatures.peAdvisor),
    cdProfessional: signatureOf(contract.signatures.cdProfessional),
  };
  return {
    person: {
      beneficiaryId: interview.beneficiaryId,
      lastName: identity.lastName,
      firstName: identity.firstName,
      birthDate: identity.birthDate,
      sex: identity.sex,
      rsaRightsOpenedOn: identity.rsaRightsOpenedOn,
      cohort: identity.cohort,
    },
    interview: {
      id: interview.id,
      version: interview.version,
      previousVersionId: interview.previousVersionId,
      date: interview.date,
      place: interview.place,
      closedAt,
      territory,
      peAdvisor: { ...peAdvisor },
      cdProfessional: { ...cdProfessional },
    },
    orientation: {
      computed: {
        dominante: result.dominante,
        dominanteLabel: result.dominanteLabel,
        ruleId: result.rule.id,
        ruleLabel: result.rule.label,
      },
      reasons: result.reasons.map((r) => ({
        criterion: r.criterion,
        label: r.label,
        answer: r.answer,
        answerLabel: r.answerLabel,
        column: r.column,
        columnLabel: r.columnLabel,
      })),
      opinions: {
        peAdvisor: decision.opinions.peAdvisor?.dominante ?? null,
        cdProfessional: decision.opinions.cdProfessional?.dominante ?? null,
      },
      final: {
        dominante: draft.dominante.code,
        label: draft.dominante.label,
        nationalParcours: draft.dominante.nationalParcours,
      },
      override: decision.override === null ? null : { ...decision.override },
      eligibleForIntensiveSupport: result.eligibleForIntensiveSupport,
    },
    referent: { ...draft.referent },
    contract: {
      parcours: { ...draft.parcours },
      weeklyCommitment: {
        mode: hours.mode,
        hours:
          hours.mode === 'exempt'
            ? null
            : hours.mode === 'progressive'
              ? hours.targetHours
              : hours.hours,
        schedule: draft.weeklyCommitment.schedule.map((s) => ({ ...s })),
        motive: hours.mode === 'standard' ? null : hours.motive,
        motiveLabel: draft.weeklyCommitment.motiveLabel,
        detail: draft.weeklyCommitment.detail,
        summary: draft.weeklyCommitment.summary,
      },
      actions: draft.actions.map((a) => ({ ...a, serviceIds: [...a.serviceIds] })),
      commitments: {
        beneficiary: [...draft.commitments.beneficiary],
        franceTravail: [...draft.commitments.franceTravail],
        departement: [...draft.commitments.departement],
      },
      consents: { ...interview.consent },
      signatures: {
        ...signatures,
        complete:
          signatures.beneficiary.signed &&
          signatures.peAdvisor.signed &&
          signatures.cdProfessional.signed,
      },
    },
    referential: { ...draft.referential },
  };
}

export interface ExportRecord {
  interview: Interview;
  territory?: string | null;
}

export interface InterviewExportOptions {
  exportedAt: string;
  /** Both bounds included, on the interview's date. */
  period: { from: string; to: string };
  /** Only interviews filed under this territory; all when null. */
  territory: string | null;
  referentials: ReferentialLookup;
}

export interface InterviewExportResult {
  document: InterviewExport;
  /** Interviews of the period left out, by reason (never silently). */
  leftOut: { notClosed: number; noDecision: number; superseded: number };
}

/**
 * The export document of a period: the latest closed version of each interview dated in it
 * (a correction supersedes the version it corrects once it is closed itself), in date then id
 * order. Drafts and closed interviews without a decision (the person absent) are counted, not
 * exported. Throws a ValidationError when a decision names a référentiel the lookup lacks.
 */
export function buildInterviewExport(
  records: readonly ExportRecord[],
  options: InterviewExportOptions,
): InterviewExportResult {
  const { period, territory } = options;
  const inScope = records.filter(
    (r) =>
      r.interview.date >= period.from &&
      r.interview.date <= period.to &&
      (territory === null || r.territory === territory),
  );
  const leftOut = { notClosed: 0, noDecision: 0, superseded: 0 };
  const closed: (ExportRecord & { decision: OrientationDecision })[] = [];
  for (const r of inScope) {
    if (r.interview.status !== 'closed') leftOut.notClosed += 1;
    else if (r.interview.decision === null || r.interview.attendance.beneficiary !== 'present') {
      leftOut.noDecision += 1;
    } else closed.push({ ...r, decision: r.interview.decision });
  }
  // A correction may be dated in the period while the version it corrects is too: all closed
  // records are read so that any superseded one is left out.
  const superseded = new Set(
    records
      .filter((r) => r.interview.status === 'closed' && r.interview.previousVersionId !== null)
      .map((r) => r.interview.previousVersionId),
  );
  const latest = new Map<string, (typeof closed)[number]>();
  for (const r of closed) {
    const seen = latest.get(r.interview.id);
    if (superseded.has(r.interview.id)) leftOut.superseded += 1;
    else if (!seen || r.interview.version > seen.interview.version) {
      latest.set(r.interview.id, r);
    }
  }
  const interviews = [...latest.values()]
    .sort((a, b) =>
      a.interview.date !== b.interview.date
        ? a.interview.date < b.interview.date
          ? -1
          : 1
        : a.interview.id < b.interview.id
          ? -1
          : a.interview.id > b.interview.id
            ? 1
            : 0,
    )
    .map((r) => {
      const { computed } = r.decision;
      const ref = {
        id: computed.referentialId,
        version: computed.referentialVersion,
        contentHash: computed.referentialHash,
      };
      const referential = options.referentials(ref);
      if (referential === undefined) {
        throw new ValidationError(`interview ${r.interview.id}`, [
          {
            path: 'decision.computed.referentialVersion',
            message: `expected a référentiel version known here, got ${ref.id}@${ref.version}`,
          },
        ]);
      }
      return exportInterview(r.interview, referential, r.territory ?? null);
    });
  return {
    document: {
      format: INTERVIEW_EXPORT_FORMAT,
      version: INTERVIEW_EXPORT_VERSION,
      exportedAt: options.exportedAt,
      period: { ...period },
      territory,
      interviews,
    },
    leftOut,
  };
}

/** The JSON Schema (draft 2020-12) of the export, generated from the zod schema. */
export function interviewExportJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(InterviewExportSchema, {
    target: 'draft-2020-12',
    io: 'output',
  });
  return {
    $schema,
    $id: `urn:${INTERVIEW_EXPORT_FORMAT}:${INTERVIEW_EXPORT_VERSION}`,
    title: `codiag interview export ${INTERVIEW_EXPORT_VERSION}`,
    description: 'Closed co-diagnostic interviews for ParcoursRSA and MAP; see docs/interop.md.',
    ...schema,
  };
}
