/**
 * The platform's roles: a regional facilitator (of one region) and an administrator (every region),
 * and the account table's users by email (better-auth's `user` table, read only here).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type PlatformRole = 'facilitator' | 'admin';
export const PLATFORM_ROLES = ['facilitator', 'admin'] as const satisfies readonly PlatformRole[];

export interface RoleGrant {
  userId: string;
  role: PlatformRole;
  /** The region a facilitator serves; null for an administrator. */
  region: string | null;
  grantedBy: string;
  grantedAt: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
}

/** A user by email (compared in lower case), or undefined. */
export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await (db as unknown as Kysely<{ user: UserRow }>)
    .selectFrom('user')
    .select(['id', 'email', 'name'])
    .where('email', '=', email.trim().toLowerCase())
    .execute();
  return rows[0];
}

export async function grantRole(db: Db, g: RoleGrant): Promise<void> {
  await db
    .insertInto('platform_roles')
    .values({
      user_id: g.userId,
      role: g.role,
      region_id: g.region ?? '',
      granted_by: g.grantedBy,
      granted_at: g.grantedAt,
    })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'region_id']).doNothing())
    .execute();
}

/** Takes a role away; returns whether the user had it. */
export async function revokeRole(
  db: Db,
  r: { userId: string; role: PlatformRole; region: string | null },
): Promise<boolean> {
  const res = await db
    .deleteFrom('platform_roles')
    .where('user_id', '=', r.userId)
    .where('role', '=', r.role)
    .where('region_id', '=', r.region ?? '')
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function rolesOfUser(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('platform_roles')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('region_id')
    .execute();
  return rows.map(toGrant);
}

function toGrant(r: {
  user_id: string;
  role: string;
  region_id: string;
  granted_by: string;
  granted_at: string;
}): RoleGrant {
  return {
    userId: r.user_id,
    role: r.role as PlatformRole,
    region: r.region_id === '' ? null : r.region_id,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
  };
}

export async function listRoleGrants(db: Db): Promise<(RoleGrant & { email: string })[]> {
  const rows = await (db as unknown as Kysely<Database & { user: UserRow }>)
    .selectFrom('platform_roles as r')
    .innerJoin('user as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'r.role', 'r.region_id', 'r.granted_by', 'r.granted_at', 'u.email'])
    .orderBy('u.email')
    .orderBy('r.role')
    .execute();
  return rows.map((r) => ({ ...toGrant(r), email: r.email }));
}

/** The organisation registered for a register unit, if any (better-auth's `organization` table). */
export async function organisationByOrgnr(
  db: Db,
  orgnr: string,
): Promise<{ id: string; name: string } | undefined> {
  const rows = await (db as unknown as Kysely<{ organization: { id: string; name: string; orgnr: string } }>)
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('orgnr', '=', orgnr)
    .execute();
  return rows[0];
}
