/**
 * Who a request is, and what the platform lets them do: a visitor (no account), a member of one or
 * more organisations (better-auth's organisations, each a register unit), a regional facilitator, an
 * administrator. Roles are granted by an administrator (the CLI on the server's machine, for now) and
 * every grant and revocation goes to the audit log.
 */
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { findRegion } from '../domain/regions.ts';
import { writeAudit } from '../store/audit-repository.ts';
import {
  grantRole,
  listRoleGrants,
  PLATFORM_ROLES,
  type PlatformRole,
  type RoleGrant,
  revokeRole,
  rolesOfUser,
  userByEmail,
} from '../store/roles-repository.ts';
import type { Accounts } from './accounts.ts';
import type { Workspace } from './workspace.ts';

export type { PlatformRole, RoleGrant };
export { PLATFORM_ROLES };

export interface Viewer {
  /** Null for a visitor. */
  user: { id: string; email: string; name: string } | null;
  roles: RoleGrant[];
  organisations: { id: string; name: string; orgnr: string; role: string }[];
}

interface RoleRequest {
  email: string;
  role: PlatformRole;
  /** The region a facilitator serves (required for a facilitator, none for an administrator). */
  region?: string | undefined;
  /** Who grants it: an administrator's user id, or `cli`. */
  by: string;
}

async function resolve(ws: Workspace, r: RoleRequest) {
  const user = await userByEmail(ws.store.db, r.email);
  if (!user)
    throw new AppError('not_found', `no account with the email address ${r.email}`, {
      detail: message('account_not_found', { email: r.email }),
    });
  let region: string | null = null;
  if (r.role === 'facilitator') {
    if (!r.region)
      throw new AppError('invalid_input', 'a facilitator serves a region: give --region', {
        detail: message('options_missing', { command: 'accounts grant', options: ['--region ID'] }),
      });
    region = findRegion((await ws.reference()).regions, r.region).id;
  } else if (r.region)
    throw new AppError('invalid_input', 'an administrator serves every region: leave --region out', {
      detail: message('admin_without_region', {}),
    });
  return { user, region };
}

export async function grantPlatformRole(ws: Workspace, r: RoleRequest): Promise<RoleGrant> {
  const { user, region } = await resolve(ws, r);
  const at = ws.clock.now().toISOString();
  const grant: RoleGrant = { userId: user.id, role: r.role, region, grantedBy: r.by, grantedAt: at };
  await ws.store.db.transaction().execute(async (tx) => {
    await grantRole(tx, grant);
    await writeAudit(tx, at, {
      action: 'role.granted',
      userId: r.by === 'cli' ? null : r.by,
      target: user.email,
      ip: null,
      detail: { role: r.role, region },
    });
  });
  return grant;
}

export async function revokePlatformRole(ws: Workspace, r: RoleRequest): Promise<boolean> {
  const { user, region } = await resolve(ws, r);
  const at = ws.clock.now().toISOString();
  return ws.store.db.transaction().execute(async (tx) => {
    const had = await revokeRole(tx, { userId: user.id, role: r.role, region });
    if (had)
      await writeAudit(tx, at, {
        action: 'role.revoked',
        userId: r.by === 'cli' ? null : r.by,
        target: user.email,
        ip: null,
        detail: { role: r.role, region },
      });
    return had;
  });
}

export function listPlatformRoles(ws: Workspace) {
  return listRoleGrants(ws.store.db);
}

/** The viewer of a request: its session (if any), its platform roles and its organisations. */
export async function viewerOf(
  ws: Workspace,
  accounts: Accounts | undefined,
  headers: Headers,
): Promise<Viewer> {
  if (!accounts) return { user: null, roles: [], organisations: [] };
  const session = await accounts.api.getSession({ headers });
  if (!session) return { user: null, roles: [], organisations: [] };
  const { id, email, name } = session.user;
  const orgs = (await accounts.api.listOrganizations({ headers })) as {
    id: string;
    name: string;
    orgnr?: string;
  }[];
  const members = await Promise.all(
    orgs.map(async (o) => {
      const m = (await accounts.api.getActiveMemberRole({ headers, query: { organizationId: o.id } })) as {
        role?: string;
      } | null;
      return { id: o.id, name: o.name, orgnr: String(o.orgnr ?? ''), role: m?.role ?? 'member' };
    }),
  );
  return { user: { id, email, name }, roles: await rolesOfUser(ws.store.db, id), organisations: members };
}
