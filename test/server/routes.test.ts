import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORD_2023 } from '../../shared/referential';
import { demoAgenda } from '../../server/cli/server-commands';
import { issueEnrolmentCode, upsertProfessional } from '../../server/accounts/accounts';
import { buildServer } from '../../server/app';
import { ENGINES } from './helpers/engines';
import {
  interviewMutation,
  pull,
  pullAll,
  pushOk,
  startHarness,
  testInterview,
  uniqueTerritory,
  type Harness,
} from './helpers/harness';

describe.each(ENGINES)('server routes on $name', (engine) => {
  let h: Harness;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    h = await startHarness(opened.db);
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  it('answers /health with the protocol version and the engine', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', protocolVersion: 1, engine: engine.name });
  });

  it('describes every route in /openapi.json, generated from the zod schemas', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/admin/beneficiaries',
      '/admin/indicators',
      '/admin/referentials',
      '/admin/structure-capacities',
      '/enrol',
      '/health',
      '/openapi.json',
      '/sync/pull',
      '/sync/push',
    ]);
    const pushBody =
      doc.paths['/sync/push']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(pushBody?.properties ?? {})).toEqual(['mutations']);
  });

  it.each([
    ['no header', undefined],
    ['an unknown token', 'Bearer cdt_00000000000000000000000000000000000000000000'],
    ['another scheme', 'Basic YWRtaW46YWRtaW4='],
  ])('refuses a sync route with %s: 401 and no detail', async (_label, authorization) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: authorization ? { authorization } : {},
      payload: { cursor: null },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: 'unauthorized' } });
  });

  it('answers 400 with every failing field path and no values', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const response = await h.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: { authorization: `Bearer ${device.token}` },
      payload: {
        mutations: [
          {
            mutationId: 1,
            entityType: 'interview',
            entityId: 'Fictif Secret',
            baseRevision: 0,
            schemaVersion: 1,
            payload: {},
          },
          {
            mutationId: 3,
            entityType: 'interview',
            entityId: 'x',
            baseRevision: null,
            schemaVersion: 1,
            payload: {},
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; issues: { path: string }[] } }>();
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.issues.map((i) => i.path)).toEqual([
      'mutations[0].entityId',
      'mutations[0].baseRevision',
      'mutations[1].mutationId',
    ]);
    expect(response.body).not.toContain('Fictif Secret');
  });

  it('answers 400 for a body that is not JSON and 415 for another media type', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const headers = { authorization: `Bearer ${device.token}` };
    const broken = await h.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"cursor":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({
      error: { code: 'invalid-request', issues: [{ path: 'body' }] },
    });
    const text = await h.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: { ...headers, 'content-type': 'application/xml' },
      payload: '<cursor/>',
    });
    expect(text.statusCode).toBe(415);
  });

  it('exchanges an enrolment code once only, and refuses an expired one', async () => {
    const territory = uniqueTerritory();
    const id = await upsertProfessional(h.db, {
      name: `Agent Démo ${territory}`,
      role: 'cd-professional',
      territory,
    });
    const { code } = await issueEnrolmentCode(h.db, id, new Date());
    const first = await h.app.inject({
      method: 'POST',
      url: '/enrol',
      payload: { code: code.toLowerCase(), deviceName: 'Poste A' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ professional: { role: 'cd-professional', territory } });
    const again = await h.app.inject({
      method: 'POST',
      url: '/enrol',
      payload: { code, deviceName: 'Poste B' },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: { code: 'enrolment-refused' } });

    const old = await issueEnrolmentCode(h.db, id, new Date(Date.now() - 25 * 3600_000));
    const expired = await h.app.inject({
      method: 'POST',
      url: '/enrol',
      payload: { code: old.code, deviceName: 'Poste C' },
    });
    expect(expired.statusCode).toBe(401);

    // The token works, and the database holds only its hash.
    const token = first.json<{ token: string }>().token;
    expect((await pull(h.app, token, null)).changes).toEqual([]);
    const stored = await h.db.query<{ token_hash: string }>('SELECT token_hash FROM devices');
    expect(stored.rows.some((r) => r.token_hash.includes(token))).toBe(false);
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('refuses enrolment from an address after too many wrong codes, with Retry-After', async () => {
    let clock = new Date('2026-03-02T08:00:00Z');
    // Behind the département's reverse proxy: the client address comes from X-Forwarded-For.
    const limited = await buildServer({
      db: h.db,
      logger: false,
      now: () => clock,
      trustProxy: true,
      enrolAttempts: { maxFailures: 2, windowMs: 15 * 60_000 },
    });
    const territory = uniqueTerritory();
    const id = await upsertProfessional(h.db, {
      name: `Agent Limite ${territory}`,
      role: 'pe-advisor',
      territory,
    });
    const { code } = await issueEnrolmentCode(h.db, id, clock);
    const enrol = (codeTried: string, from: string) =>
      limited.inject({
        method: 'POST',
        url: '/enrol',
        headers: { 'x-forwarded-for': from },
        payload: { code: codeTried, deviceName: 'Poste' },
      });
    try {
      expect((await enrol('AAAA-BBBB-CCCC', '203.0.113.7')).statusCode).toBe(401);
      expect((await enrol('AAAA-BBBB-CCCD', '203.0.113.7')).statusCode).toBe(401);
      // Even the right code is refused from that address now, and nothing is consumed.
      const blocked = await enrol(code, '203.0.113.7');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBe('900');
      expect(blocked.json()).toMatchObject({ error: { code: 'too-many-requests' } });
      // Another address (another site of the département) is not affected.
      expect((await enrol(code, '198.51.100.4')).statusCode).toBe(200);
      // After the window, the first address may try again.
      clock = new Date(clock.getTime() + 15 * 60_000);
      expect((await enrol('AAAA-BBBB-CCCE', '203.0.113.7')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('enrols on /enrol only: the early alias /api/devices/enroll is gone', async () => {
    const territory = uniqueTerritory();
    const id = await upsertProfessional(h.db, {
      name: `Agent Alias ${territory}`,
      role: 'pe-advisor',
      territory,
    });
    const { code } = await issueEnrolmentCode(h.db, id, new Date());
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/devices/enroll',
      payload: { code, deviceName: 'Poste' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('keeps each territory to itself: beneficiaries and interviews', async () => {
    const lille = uniqueTerritory('lille');
    const roubaix = uniqueTerritory('roubaix');
    const admin = await h.enrol('admin', lille);
    const inLille = await h.enrol('pe-advisor', lille);
    const inRoubaix = await h.enrol('cd-professional', roubaix);
    for (const territory of [lille, roubaix]) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/admin/beneficiaries',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: { territory, records: demoAgenda(territory, 3, 7, '2026-03-02') },
      });
      expect(response.statusCode).toBe(200);
    }
    await pushOk(h.app, inLille.token, [
      interviewMutation(1, testInterview(1, `itw-${lille}`), null),
    ]);

    const lilleSees = (await pullAll(h.app, inLille.token)).changes;
    const roubaixSees = (await pullAll(h.app, inRoubaix.token)).changes;
    const ids = (changes: typeof lilleSees) =>
      changes
        .filter((c) => c.entityType === 'beneficiary' || c.entityType === 'interview')
        .map((c) => c.entityId);
    expect(ids(lilleSees)).toHaveLength(4);
    expect(ids(lilleSees).every((id) => id.includes(lille))).toBe(true);
    expect(ids(roubaixSees)).toHaveLength(3);
    expect(ids(roubaixSees).every((id) => id.includes(roubaix))).toBe(true);

    // Roubaix cannot overwrite Lille's interview either: rejected, with no detail of the record.
    const stolen = await pushOk(h.app, inRoubaix.token, [
      interviewMutation(1, { ...testInterview(2, `itw-${lille}`) }, null),
    ]);
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', reason: [{ path: 'entityId' }] });
  });

  it('keeps admin routes for admin devices', async () => {
    const territory = uniqueTerritory();
    const advisor = await h.enrol('pe-advisor', territory);
    const payload = { territory, records: demoAgenda(territory, 1, 1, '2026-03-02') };
    const forbidden = await h.app.inject({
      method: 'POST',
      url: '/admin/beneficiaries',
      headers: { authorization: `Bearer ${advisor.token}` },
      payload,
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await h.app.inject({ method: 'POST', url: '/admin/beneficiaries', payload });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await pullAll(h.app, advisor.token)).changes.filter((c) => c.entityType === 'beneficiary'),
    ).toEqual([]);
  });

  it('publishes a référentiel once per version, verified by hash, and refuses other content', async () => {
    const admin = await h.enrol('admin', uniqueTerritory());
    const { contentHash, ...data } = NORD_2023;
    const publish = (body: object) =>
      h.app.inject({
        method: 'POST',
        url: '/admin/referentials',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: body,
      });
    const wrongHash = await publish({ data, contentHash: '0'.repeat(64) });
    expect(wrongHash.statusCode).toBe(400);
    const first = await publish({ data, contentHash });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ contentHash, created: true });
    const again = await publish({ data });
    expect(again.json()).toMatchObject({ contentHash, created: false });
    const changed = await publish({ data: { ...data, label: `${data.label} (modifié)` } });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ error: { code: 'referential-conflict' } });
    const invalid = await publish({ data: { ...data, rules: 'none' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ error: { issues: { path: string }[] } }>().error.issues[0]?.path).toBe(
      'rules',
    );

    const pulled = (await pullAll(h.app, admin.token)).changes.filter(
      (c) => c.entityType === 'referential',
    );
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toMatchObject({
      payload: { id: NORD_2023.id, version: NORD_2023.version, contentHash },
    });
  });

  it('logs no personal data, no token and no body', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await buildServer({ db: h.db, logger: { level: 'trace', stream } });
    try {
      const territory = uniqueTerritory();
      const id = await upsertProfessional(h.db, {
        name: `Agent Log ${territory}`,
        role: 'pe-advisor',
        territory,
      });
      const { code } = await issueEnrolmentCode(h.db, id, new Date());
      const enrolled = await app.inject({
        method: 'POST',
        url: '/enrol',
        payload: { code, deviceName: 'Poste' },
      });
      const token = enrolled.json<{ token: string }>().token;
      const interview = testInterview(3, `itw-log-${territory}`);
      await app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { authorization: `Bearer ${token}` },
        payload: { mutations: [interviewMutation(1, interview, null)] },
      });
      await app.inject({
        method: 'POST',
        url: '/sync/pull',
        headers: { authorization: `Bearer ${token}` },
        payload: { cursor: null },
      });
      const log = lines.join('');
      expect(log).toContain('/sync/push');
      for (const secret of [
        token,
        code,
        interview.identity.lastName,
        interview.identity.firstName,
        'Bearer',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});
