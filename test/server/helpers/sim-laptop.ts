/**
 * A simulated laptop for fault and model tests: an outbox of mutations with consecutive ids, the
 * revisions it last saw, and a sync that pushes, handles the answers as the real sync engine must
 * (purge only what was acknowledged, keep conflicts and rejections) and pulls. Faults are injected
 * in its transport.
 */
import type { Interview } from '../../../shared/domain/interview';
import {
  PullResponseSchema,
  PushResponseSchema,
  type Change,
  type Mutation,
  type MutationResult,
} from '../../../shared/sync/messages';

export interface HttpAnswer {
  status: number;
  json: unknown;
}

/** Sends one request; may throw (network failure) when a fault is injected. */
export type Send = (path: string, token: string, body: unknown) => Promise<HttpAnswer>;

export class AnswerLost extends Error {
  constructor() {
    super('the answer was lost on the way back');
    this.name = 'AnswerLost';
  }
}

export interface LaptopStats {
  sent: number;
  acknowledged: Map<number, MutationResult>;
  conflicts: number;
  rejected: number;
}

export class SimLaptop {
  private nextMutationId = 1;
  readonly outbox: Mutation[] = [];
  /** What this laptop believes is stored locally, per interview id. */
  readonly local = new Map<string, Interview>();
  /** The server revision last seen per interview id (pull or acknowledgement). */
  readonly seen = new Map<string, number>();
  /** What the last pull showed per record key (entityType:id). */
  readonly pulled = new Map<string, Change>();
  readonly stats: LaptopStats = { sent: 0, acknowledged: new Map(), conflicts: 0, rejected: 0 };
  cursor: string | null = null;

  constructor(
    readonly name: string,
    readonly token: string,
    private readonly send: Send,
    private readonly batchSize = 50,
  ) {}

  /** A local edit: one outbox entry with the next mutation id, based on the last seen revision. */
  write(interview: Interview): Mutation {
    this.local.set(interview.id, interview);
    const mutation: Mutation = {
      mutationId: this.nextMutationId++,
      entityType: 'interview',
      entityId: interview.id,
      baseRevision: this.seen.get(interview.id) ?? null,
      schemaVersion: 1,
      payload: interview,
    };
    this.outbox.push(mutation);
    return mutation;
  }

  /** Pushes the whole outbox in batches; stops at the first failure (it will be retried). */
  async push(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.slice(0, this.batchSize);
      this.stats.sent += batch.filter((m) => !this.stats.acknowledged.has(m.mutationId)).length;
      const answer = await this.send('/sync/push', this.token, { mutations: batch });
      if (answer.status === 409) {
        throw new Error(`${this.name}: push refused ${JSON.stringify(answer.json)}`);
      }
      if (answer.status !== 200) throw new Error(`${this.name}: push HTTP ${answer.status}`);
      this.acknowledge(PushResponseSchema.parse(answer.json).results);
    }
  }

  private acknowledge(results: MutationResult[]): void {
    for (const result of results) {
      this.stats.acknowledged.set(result.mutationId, result);
      const index = this.outbox.findIndex((m) => m.mutationId === result.mutationId);
      if (index >= 0) this.outbox.splice(index, 1); // acknowledged: may leave the outbox
      switch (result.status) {
        case 'applied':
          this.seen.set(
            result.entityId,
            Math.max(this.seen.get(result.entityId) ?? 0, result.revision),
          );
          break;
        case 'conflict': {
          this.stats.conflicts += 1;
          // "Keep mine": write our version again, based on the revision the server holds.
          this.seen.set(result.entityId, result.current.revision);
          const mine = this.local.get(result.entityId);
          if (mine) this.write(mine);
          break;
        }
        case 'rejected':
          this.stats.rejected += 1;
          break;
      }
    }
  }

  async pull(limit = 100): Promise<void> {
    for (;;) {
      const answer = await this.send('/sync/pull', this.token, { cursor: this.cursor, limit });
      if (answer.status !== 200) throw new Error(`${this.name}: pull HTTP ${answer.status}`);
      const page = PullResponseSchema.parse(answer.json);
      if (page.reset) this.pulled.clear();
      for (const change of page.changes) {
        this.pulled.set(`${change.entityType}:${change.entityId}`, change);
        if (change.entityType === 'interview') {
          const outboxHas = this.outbox.some((m) => m.entityId === change.entityId);
          if (!outboxHas) {
            this.seen.set(change.entityId, change.revision);
            this.local.set(change.entityId, change.payload);
          }
        }
      }
      this.cursor = page.nextCursor;
      if (!page.hasMore) return;
    }
  }

  async sync(): Promise<void> {
    await this.push();
    await this.pull();
  }
}
