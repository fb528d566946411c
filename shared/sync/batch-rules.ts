/**
 * Pure rules of a push batch and of the pull cursor (ARCHITECTURE decision 4): which mutations of
 * a batch are replays, which are new, and when the batch leaves a gap; how a cursor is written.
 */

/** How the server treats a batch, given the last mutation id it recorded for the device. */
export type BatchPlan =
  | {
      kind: 'accept';
      /** Ids already recorded: answered with their stored results, nothing changes. */
      replayed: number[];
      /** Ids to apply now, in order. */
      fresh: number[];
    }
  | { kind: 'gap'; expectedMutationId: number };

/**
 * Plans a batch whose ids are consecutive (PushRequestSchema checks that). A batch may overlap the
 * recorded ids (an answer was lost, then the outbox grew); it may not start beyond the next id.
 */
export function planBatch(
  mutationIds: readonly number[],
  lastAppliedMutationId: number,
): BatchPlan {
  const first = mutationIds[0];
  if (first === undefined || first > lastAppliedMutationId + 1) {
    return { kind: 'gap', expectedMutationId: lastAppliedMutationId + 1 };
  }
  return {
    kind: 'accept',
    replayed: mutationIds.filter((id) => id <= lastAppliedMutationId),
    fresh: mutationIds.filter((id) => id > lastAppliedMutationId),
  };
}

/** The first mutation id that a device's outbox must send next, from the server's answer. */
export function nextMutationId(lastAppliedMutationId: number): number {
  return lastAppliedMutationId + 1;
}

/**
 * A cursor is `<epoch>.<seq>`: the epoch names the database (a restored or different server has
 * another), the sequence is the last change the client stored. Clients treat it as opaque.
 */
export interface CursorPosition {
  epoch: string;
  seq: number;
}

export function encodeCursor(position: CursorPosition): string {
  return `${position.epoch}.${position.seq}`;
}

/** Null when the text is not a cursor this protocol writes. */
export function decodeCursor(text: string): CursorPosition | null {
  const match = /^([A-Za-z0-9-]{1,100})\.(0|[1-9]\d{0,15})$/.exec(text);
  if (!match) return null;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) return null;
  return { epoch: match[1] as string, seq };
}

/**
 * Where a pull starts: from the cursor, or from the beginning with `reset` when the cursor belongs
 * to another database or points beyond what this one has assigned.
 */
export function resolvePullStart(
  cursor: string | null,
  server: { epoch: string; lastAssignedSeq: number },
): { afterSeq: number; reset: boolean } {
  if (cursor === null) return { afterSeq: 0, reset: false };
  const position = decodeCursor(cursor);
  if (!position || position.epoch !== server.epoch || position.seq > server.lastAssignedSeq) {
    return { afterSeq: 0, reset: true };
  }
  return { afterSeq: position.seq, reset: false };
}
