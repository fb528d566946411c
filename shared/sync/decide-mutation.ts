/**
 * What the server does with one pushed mutation (ARCHITECTURE decision 4, issue 4): upgrade and
 * validate the payload, then apply it, keep it as a conflict, or reject it with the field paths.
 * Pure: the server calls it inside its transaction with the record as stored.
 */
import { InterviewSchema, type Interview } from '../domain/interview';
import { describeIssues, type FieldIssue } from '../util/errors';
import { PUSHABLE_ENTITY_TYPES, type Mutation } from './messages';

export const CURRENT_INTERVIEW_SCHEMA_VERSION: Interview['schemaVersion'] = 1;

/** Turns a payload written with schema version `n` into version `n + 1`. Pure, may throw. */
export type PayloadUpgrade = (payload: unknown) => unknown;
/** Upgrades keyed by the version they start from. */
export type UpgradeTable = Readonly<Record<number, PayloadUpgrade>>;

/**
 * The interview upgrades this release knows. Version 1 is the first published one, so there is
 * none yet; when InterviewSchema moves to version 2, the step from 1 goes here.
 */
export const INTERVIEW_UPGRADES: UpgradeTable = {};

export type PayloadCheck = { ok: true; payload: Interview } | { ok: false; issues: FieldIssue[] };

/** Upgrades an interview payload to the current schema version, then validates it. */
export function checkInterviewPayload(
  schemaVersion: number,
  payload: unknown,
  upgrades: UpgradeTable = INTERVIEW_UPGRADES,
): PayloadCheck {
  const current = CURRENT_INTERVIEW_SCHEMA_VERSION;
  if (schemaVersion > current) {
    return reject(
      'schemaVersion',
      `version ${schemaVersion} is newer than this server supports (${current}): upgrade the server`,
    );
  }
  let upgraded = payload;
  for (let version = schemaVersion; version < current; version++) {
    const step = upgrades[version];
    if (!step) {
      return reject(
        'schemaVersion',
        `no upgrade from version ${version}; expected a version from ${lowestUpgradable(upgrades, current)} to ${current}`,
      );
    }
    try {
      upgraded = step(upgraded);
    } catch {
      // The upgrade's message could quote personal data: only the version is reported.
      return reject('payload', `could not be upgraded from schema version ${version}`);
    }
  }
  const result = InterviewSchema.safeParse(upgraded);
  if (!result.success) {
    return {
      ok: false,
      issues: describeIssues(result.error).map((issue) => ({
        path: issue.path === '(root)' ? 'payload' : `payload.${issue.path}`.replace('.[', '['),
        message: issue.message,
      })),
    };
  }
  return { ok: true, payload: result.data };
}

function lowestUpgradable(upgrades: UpgradeTable, current: number): number {
  let lowest = current;
  while (upgrades[lowest - 1]) lowest--;
  return lowest;
}

function reject(path: string, message: string): { ok: false; issues: FieldIssue[] } {
  return { ok: false, issues: [{ path, message }] };
}

/** A record as the server stores it. */
export interface StoredRecord {
  revision: number;
  payload: unknown;
  /**
   * The device whose mutations produced the current revision, and the revision its chain of
   * changes started from. A laptop edits offline many times before it learns any new revision,
   * so its later mutations still name that starting revision: they follow its own, no conflict.
   */
  writer: { deviceId: string; baseRevision: number | null } | null;
}

export type MutationDecision =
  /** Store `payload` under `revision`; `unchanged` when it equals what is stored (no new revision). */
  | {
      kind: 'apply';
      revision: number;
      payload: unknown;
      unchanged: boolean;
      writer: { deviceId: string; baseRevision: number | null };
    }
  /** Keep `incoming` beside `current`; the stored record does not change. */
  | { kind: 'conflict'; current: StoredRecord; incoming: unknown }
  | { kind: 'reject'; reason: FieldIssue[] };

export function isPushableEntityType(type: string): type is (typeof PUSHABLE_ENTITY_TYPES)[number] {
  return (PUSHABLE_ENTITY_TYPES as readonly string[]).includes(type);
}

/**
 * Decides one mutation against the stored record (null when the server has none). The order of
 * the checks matters: an invalid payload is rejected whatever its revision; the same content as
 * stored is never a conflict; a closed interview is never changed (a correction is a new
 * interview version linked by `previousVersionId`); then revisions decide: the mutation applies
 * when it is based on the current revision, or on the revision the device's own chain of changes
 * started from (nobody else wrote since). Clocks play no part.
 */
export function decideMutation(
  mutation: Mutation,
  current: StoredRecord | null,
  deviceId: string,
  upgrades: UpgradeTable = INTERVIEW_UPGRADES,
): MutationDecision {
  if (!isPushableEntityType(mutation.entityType)) {
    return {
      kind: 'reject',
      reason: [
        {
          path: 'entityType',
          message: `expected one of ${PUSHABLE_ENTITY_TYPES.map((t) => JSON.stringify(t)).join(', ')}`,
        },
      ],
    };
  }
  const checked = checkInterviewPayload(mutation.schemaVersion, mutation.payload, upgrades);
  if (!checked.ok) return { kind: 'reject', reason: checked.issues };
  const payload = checked.payload;
  if (payload.id !== mutation.entityId) {
    return {
      kind: 'reject',
      reason: [{ path: 'payload.id', message: 'expected the same id as the mutation entityId' }],
    };
  }
  if (current === null) {
    if (mutation.baseRevision !== null) {
      return {
        kind: 'reject',
        reason: [
          {
            path: 'baseRevision',
            message: 'the server has no such record: expected null for a record created offline',
          },
        ],
      };
    }
    return {
      kind: 'apply',
      revision: 1,
      payload,
      unchanged: false,
      writer: { deviceId, baseRevision: null },
    };
  }
  if (isSameJson(current.payload, payload)) {
    return {
      kind: 'apply',
      revision: current.revision,
      payload,
      unchanged: true,
      writer: current.writer ?? { deviceId, baseRevision: current.revision },
    };
  }
  if (isClosedInterview(current.payload)) {
    return {
      kind: 'reject',
      reason: [
        {
          path: 'entityId',
          message:
            'this interview is closed on the server: expected a new interview version (previousVersionId) for a correction',
        },
      ],
    };
  }
  if (mutation.baseRevision === current.revision) {
    return {
      kind: 'apply',
      revision: current.revision + 1,
      payload,
      unchanged: false,
      writer: { deviceId, baseRevision: mutation.baseRevision },
    };
  }
  if (
    current.writer !== null &&
    current.writer.deviceId === deviceId &&
    current.writer.baseRevision === mutation.baseRevision
  ) {
    return {
      kind: 'apply',
      revision: current.revision + 1,
      payload,
      unchanged: false,
      writer: current.writer,
    };
  }
  return { kind: 'conflict', current, incoming: payload };
}

function isClosedInterview(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    'status' in payload &&
    payload.status === 'closed'
  );
}

/** Structural equality of JSON values, key order ignored (stored JSONB reorders keys). */
export function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => isSameJson(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && isSameJson(left[key], right[key]));
}
