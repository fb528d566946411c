/**
 * Professionals, one-time enrolment codes and device tokens (issue 4, "Accounts and devices").
 * Codes and tokens are shown once and stored as SHA-256 digests only.
 */
import { randomUUID } from 'node:crypto';
import type { AccountRole, EnrolResponse } from '../../shared/sync/messages';
import { AccountRoleSchema } from '../../shared/sync/messages';
import type { Database, Queryable } from '../db/database';
import { newDeviceToken, newEnrolmentCode, normaliseEnrolmentCode, sha256 } from './secrets';

export const ENROLMENT_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Who is calling, as found from a device token. */
export interface DeviceContext {
  deviceId: string;
  deviceName: string;
  professionalId: string;
  role: AccountRole;
  territory: string;
}

export interface ProfessionalInput {
  name: string;
  role: AccountRole;
  territory: string;
}

/** Creates the professional, or updates the role and territory of the one with that name. */
export async function upsertProfessional(db: Queryable, input: ProfessionalInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO professionals (id, name, role, territory) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role, territory = excluded.territory,
       updated_at = now()
     RETURNING id`,
    [randomUUID(), input.name, input.role, input.territory],
  );
  const row = rows[0];
  if (!row) throw new Error('professionals: the upsert returned no row');
  return row.id;
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

export async function issueEnrolmentCode(
  db: Queryable,
  professionalId: string,
  now: Date,
): Promise<IssuedCode> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_CODE_LIFETIME_MS);
  await db.query(
    'INSERT INTO enrolment_codes (code_hash, professional_id, expires_at) VALUES ($1, $2, $3)',
    [sha256(normaliseEnrolmentCode(code)), professionalId, expiresAt.toISOString()],
  );
  return { code, expiresAt };
}

/**
 * Trades a valid, unused, unexpired code for a new device token, in one transaction: the code is
 * marked used by the same statement that checks it, so two laptops cannot both use one code.
 * Null when the code is unknown, used or expired (the caller does not say which).
 */
export async function enrolDevice(
  db: Database,
  input: { code: string; deviceName: string },
  now: Date,
): Promise<EnrolResponse | null> {
  const deviceId = `dev_${randomUUID()}`;
  const token = newDeviceToken();
  return db.transaction(async (tx) => {
    const used = await tx.query<{ professional_id: string }>(
      `UPDATE enrolment_codes SET used_at = $2, device_id = $3
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING professional_id`,
      [sha256(normaliseEnrolmentCode(input.code)), now.toISOString(), deviceId],
    );
    const professionalId = used.rows[0]?.professional_id;
    if (professionalId === undefined) return null;
    await tx.query(
      'INSERT INTO devices (id, professional_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [deviceId, professionalId, input.deviceName, sha256(token), now.toISOString()],
    );
    const professional = await tx.query<{ name: string; role: string; territory: string }>(
      'SELECT name, role, territory FROM professionals WHERE id = $1',
      [professionalId],
    );
    const row = professional.rows[0];
    if (!row) throw new Error('enrolment: the professional of a code disappeared');
    return {
      deviceId,
      token,
      professional: {
        name: row.name,
        role: AccountRoleSchema.parse(row.role),
        territory: row.territory,
      },
    };
  });
}

/** The device and professional behind a token, or null (unknown or revoked token). */
export async function authenticateToken(
  db: Queryable,
  token: string,
): Promise<DeviceContext | null> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    professional_id: string;
    role: string;
    territory: string;
  }>(
    `SELECT d.id, d.name, d.professional_id, p.role, p.territory
     FROM devices d JOIN professionals p ON p.id = d.professional_id
     WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    deviceId: row.id,
    deviceName: row.name,
    professionalId: row.professional_id,
    role: AccountRoleSchema.parse(row.role),
    territory: row.territory,
  };
}

/** An enrolled laptop as the administrator sees it (never its token). */
export interface DeviceSummary {
  id: string;
  name: string;
  professional: string;
  role: AccountRole;
  territory: string;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/** The enrolled devices, newest first, of one territory or of all. */
export async function listDevices(
  db: Queryable,
  filter: { territory?: string } = {},
): Promise<DeviceSummary[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    professional: string;
    role: string;
    territory: string;
    created_at: Date | string;
    last_seen_at: Date | string | null;
    revoked_at: Date | string | null;
  }>(
    `SELECT d.id, d.name, p.name AS professional, p.role, p.territory, d.created_at,
            d.last_seen_at, d.revoked_at
     FROM devices d JOIN professionals p ON p.id = d.professional_id
     WHERE $1::text IS NULL OR p.territory = $1
     ORDER BY d.created_at DESC, d.id`,
    [filter.territory ?? null],
  );
  const iso = (value: Date | string | null) =>
    value === null ? null : new Date(value).toISOString();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    professional: row.professional,
    role: AccountRoleSchema.parse(row.role),
    territory: row.territory,
    createdAt: iso(row.created_at) ?? '',
    lastSeenAt: iso(row.last_seen_at),
    revokedAt: iso(row.revoked_at),
  }));
}

/**
 * Revokes a device (a lost or stolen laptop, a professional leaving): its token is refused from
 * now on, like an unknown one. What it pushed before stays. Idempotent: revoking twice keeps the
 * first date.
 */
export async function revokeDevice(
  db: Queryable,
  deviceId: string,
  now: Date,
): Promise<'revoked' | 'already-revoked' | 'unknown'> {
  const { rows } = await db.query<{ revoked_now: boolean }>(
    `UPDATE devices d SET revoked_at = COALESCE(old.revoked_at, $2)
     FROM (SELECT id, revoked_at FROM devices WHERE id = $1 FOR UPDATE) old
     WHERE d.id = old.id
     RETURNING old.revoked_at IS NULL AS revoked_now`,
    [deviceId, now.toISOString()],
  );
  const row = rows[0];
  if (row === undefined) return 'unknown';
  return row.revoked_now ? 'revoked' : 'already-revoked';
}
