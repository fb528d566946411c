import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  planBatch,
  resolvePullStart,
} from '../../shared/sync/batch-rules';
import { decideMutation } from '../../shared/sync/decide-mutation';
import { PushRequestSchema } from '../../shared/sync/messages';
import { interviewMutation, testInterview } from './helpers/harness';

describe('planBatch', () => {
  it.each([
    { ids: [1, 2, 3], last: 0, plan: { kind: 'accept', replayed: [], fresh: [1, 2, 3] } },
    { ids: [1, 2, 3], last: 3, plan: { kind: 'accept', replayed: [1, 2, 3], fresh: [] } },
    { ids: [2, 3, 4], last: 3, plan: { kind: 'accept', replayed: [2, 3], fresh: [4] } },
    { ids: [5, 6], last: 3, plan: { kind: 'gap', expectedMutationId: 4 } },
    { ids: [4], last: 3, plan: { kind: 'accept', replayed: [], fresh: [4] } },
  ])('plans ids $ids after $last', ({ ids, last, plan }) => {
    expect(planBatch(ids, last)).toEqual(plan);
  });

  it('refuses a batch whose ids are not consecutive, naming the field', () => {
    const interview = testInterview(1, 'itw-rules');
    const result = PushRequestSchema.safeParse({
      mutations: [interviewMutation(1, interview, null), interviewMutation(1, interview, null)],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['mutations', 1, 'mutationId']);
  });
});

describe('cursors', () => {
  it('round-trips and rejects what it did not write', () => {
    expect(decodeCursor(encodeCursor({ epoch: 'abc123', seq: 42 }))).toEqual({
      epoch: 'abc123',
      seq: 42,
    });
    expect(decodeCursor('abc123.-1')).toBeNull();
    expect(decodeCursor('42')).toBeNull();
  });

  it.each([
    { cursor: null, start: { afterSeq: 0, reset: false } },
    { cursor: 'e1.10', start: { afterSeq: 10, reset: false } },
    { cursor: 'e2.10', start: { afterSeq: 0, reset: true } },
    { cursor: 'e1.11', start: { afterSeq: 0, reset: true } },
    { cursor: 'nonsense', start: { afterSeq: 0, reset: true } },
  ])('starts a pull from $cursor', ({ cursor, start }) => {
    expect(resolvePullStart(cursor, { epoch: 'e1', lastAssignedSeq: 10 })).toEqual(start);
  });
});

describe('decideMutation', () => {
  const interview = testInterview(2, 'itw-decide');
  const changed = { ...interview, synthesis: 'changé' };
  const stored = (writer: string | null, baseRevision: number | null = null) => ({
    revision: 3,
    payload: interview,
    writer: writer === null ? null : { deviceId: writer, baseRevision },
  });

  it.each([
    { label: 'a new record', base: null, current: null, device: 'd1', kind: 'apply', revision: 1 },
    {
      label: 'a change on the current revision',
      base: 3,
      current: stored('d2', 2),
      device: 'd1',
      kind: 'apply',
      revision: 4,
    },
    {
      label: "a change following the device's own chain",
      base: 1,
      current: stored('d1', 1),
      device: 'd1',
      kind: 'apply',
      revision: 4,
    },
    {
      label: 'a change on a revision another device replaced',
      base: 1,
      current: stored('d2', 1),
      device: 'd1',
      kind: 'conflict',
    },
    {
      label: 'a new record whose id exists',
      base: null,
      current: stored('d2'),
      device: 'd1',
      kind: 'conflict',
    },
    {
      label: 'a change on a record the server lacks',
      base: 2,
      current: null,
      device: 'd1',
      kind: 'reject',
    },
  ])('decides $label: $kind', ({ base, current, device, kind, revision }) => {
    const decision = decideMutation(
      interviewMutation(1, current === null ? interview : changed, base),
      current,
      device,
    );
    expect(decision.kind).toBe(kind);
    if (revision !== undefined && decision.kind === 'apply')
      expect(decision.revision).toBe(revision);
  });

  it('never calls identical content a conflict', () => {
    const decision = decideMutation(interviewMutation(1, interview, 1), stored('d2', 2), 'd1');
    expect(decision).toMatchObject({ kind: 'apply', revision: 3, unchanged: true });
  });
});
