/**
 * The account: sign in, create an account, a forgotten password (a link by mail, then a new password
 * here: ?token=…), and once signed in the roles, the organisations (create one for a register unit,
 * invite members), an invitation to accept (?invitasjon=…), and signing out here or everywhere.
 * GET /api/me and better-auth's routes under /api/auth.
 */
import { type FormEvent, useState } from 'react';
import { useApi } from '../api.ts';
import { ErrorBox, Field, Loading, Select } from '../components/ui.tsx';
import { useI18n } from '../i18n.tsx';

interface Me {
  user: { id: string; email: string; name: string } | null;
  roles: { role: 'facilitator' | 'admin'; region: string | null }[];
  organisations: { id: string; name: string; orgnr: string; role: string }[];
}

/** A refusal of /api/auth: better-auth answers { message, code }; the page says the code in the reader's language. */
class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

async function auth<T = unknown>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as {
    message?: string;
    code?: string;
    error?: { message?: string };
  };
  if (!res.ok)
    throw new AuthError(res.status, data.code, data.message ?? data.error?.message ?? `${res.status}`);
  return data as T;
}

function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'org'
  );
}

export default function Account() {
  const { t } = useI18n();
  const me = useApi<Me>('/me');
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  const invitation = params.get('invitasjon');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (fn: () => Promise<unknown>, done?: string) => async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await fn();
      if (done) setNotice(done);
      me.reload();
    } catch (err) {
      const e = err as Error;
      const known =
        e instanceof AuthError
          ? e.status === 429
            ? t.tooManyAttempts
            : e.code
              ? t.authErrors[e.code]
              : undefined
          : undefined;
      setError(known ?? e.message);
    } finally {
      setBusy(false);
    }
  };

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [orgName, setOrgName] = useState('');
  const [orgnr, setOrgnr] = useState('');
  const [inviteEmail, setInviteEmail] = useState('');
  const [inviteOrg, setInviteOrg] = useState('');

  const user = me.data?.user ?? null;
  const orgRole = (r: string) => (r === 'owner' || r === 'admin' || r === 'member' ? t[`orgRole_${r}`] : r);
  const orgs = me.data?.organisations ?? [];
  return (
    <>
      <h1>{t.accountTitle}</h1>
      {me.loading && !me.data && <Loading />}
      {me.error && <ErrorBox error={me.error} retry={me.reload} />}
      {error && (
        <p className="error" role="alert" data-testid="account-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="account-notice">
          {notice}
        </p>
      )}
      {me.data && !user && token && (
        <form
          onSubmit={run(() => auth('/reset-password', { token, newPassword: password }), t.passwordChanged)}
        >
          <h2>{t.newPassword}</h2>
          <Field label={t.passwordLabel}>
            {(id) => (
              <input
                id={id}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                minLength={10}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {t.setPassword}
          </button>
        </form>
      )}
      {me.data && !user && !token && (
        <section aria-labelledby="sign-in">
          <h2 id="sign-in">{mode === 'in' ? t.signIn : t.signUp}</h2>
          {invitation && <p className="notice">{t.signInToAccept}</p>}
          <form
            onSubmit={run(async () => {
              if (mode === 'in') await auth('/sign-in/email', { email, password });
              else await auth('/sign-up/email', { email, password, name });
              // Signed out later, the form opens on signing in, without the password.
              setMode('in');
              setPassword('');
            })}
          >
            {mode === 'up' && (
              <Field label={t.nameLabel}>
                {(id) => (
                  <input
                    id={id}
                    autoComplete="name"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                    required
                  />
                )}
              </Field>
            )}
            <Field label={t.emailLabel}>
              {(id) => (
                <input
                  id={id}
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  required
                />
              )}
            </Field>
            <Field label={t.passwordLabel}>
              {(id) => (
                <input
                  id={id}
                  type="password"
                  autoComplete={mode === 'in' ? 'current-password' : 'new-password'}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  required
                  minLength={mode === 'up' ? 10 : undefined}
                />
              )}
            </Field>
            <div className="controls">
              <button type="submit" disabled={busy}>
                {mode === 'in' ? t.signIn : t.signUp}
              </button>
              <button type="button" className="link" onClick={() => setMode(mode === 'in' ? 'up' : 'in')}>
                {mode === 'in' ? t.signUp : t.signIn}
              </button>
              {mode === 'in' && (
                <button
                  type="button"
                  className="link"
                  disabled={busy || !email}
                  onClick={run(
                    () =>
                      auth('/request-password-reset', {
                        email,
                        redirectTo: `${window.location.origin}/konto`,
                      }),
                    t.resetSent,
                  )}
                >
                  {t.forgotPassword} {t.sendResetLink}
                </button>
              )}
            </div>
          </form>
        </section>
      )}
      {user && (
        <>
          <p className="lead" data-testid="signed-in-as">
            {t.signedInAs} {user.name} ({user.email})
          </p>
          {invitation && (
            <button
              type="button"
              onClick={run(
                () => auth('/organization/accept-invitation', { invitationId: invitation }),
                t.invitationAccepted,
              )}
              disabled={busy}
            >
              {t.acceptInvitation}
            </button>
          )}
          <section aria-labelledby="roles">
            <h2 id="roles">{t.yourRoles}</h2>
            {(me.data?.roles ?? []).length === 0 ? (
              <p>{t.noRoles}</p>
            ) : (
              <ul>
                {me.data?.roles.map((r) => (
                  <li key={`${r.role}-${r.region ?? ''}`}>
                    {t[`role_${r.role}`]}
                    {r.region ? ` (${r.region})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="organisations">
            <h2 id="organisations">{t.organisations}</h2>
            {orgs.length === 0 ? (
              <p>{t.noOrganisations}</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="organisations">
                  <thead>
                    <tr>
                      <th scope="col">{t.name}</th>
                      <th scope="col">{t.orgnrLabel}</th>
                      <th scope="col">{t.memberRole}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {orgs.map((o) => (
                      <tr key={o.id}>
                        <th scope="row">{o.name}</th>
                        <td>{o.orgnr}</td>
                        <td>{orgRole(o.role)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h3>{t.createOrganisation}</h3>
            <form
              className="controls"
              onSubmit={run(async () => {
                const clean = orgnr.replace(/\s/g, '');
                await auth('/organization/create', {
                  name: orgName,
                  slug: `${slugOf(orgName)}-${clean}`,
                  orgnr: clean,
                });
                setOrgName('');
                setOrgnr('');
              })}
            >
              <Field label={t.name}>
                {(id) => (
                  <input id={id} value={orgName} onChange={(e) => setOrgName(e.target.value)} required />
                )}
              </Field>
              <Field label={t.orgnrLabel}>
                {(id) => (
                  <input
                    id={id}
                    inputMode="numeric"
                    value={orgnr}
                    onChange={(e) => setOrgnr(e.target.value)}
                    required
                  />
                )}
              </Field>
              <button type="submit" disabled={busy}>
                {t.createOrganisation}
              </button>
            </form>
            {orgs.length > 0 && (
              <form
                className="controls"
                onSubmit={run(
                  () =>
                    auth('/organization/invite-member', {
                      email: inviteEmail,
                      role: 'member',
                      organizationId: inviteOrg || orgs[0]?.id,
                    }),
                  t.invited,
                )}
              >
                <Select
                  label={t.inviteMember}
                  name="invite-org"
                  value={inviteOrg || (orgs[0]?.id ?? '')}
                  onChange={setInviteOrg}
                  options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                />
                <Field label={t.emailLabel}>
                  {(id) => (
                    <input
                      id={id}
                      type="email"
                      value={inviteEmail}
                      onChange={(e) => setInviteEmail(e.target.value)}
                      required
                    />
                  )}
                </Field>
                <button type="submit" disabled={busy}>
                  {t.invite}
                </button>
              </form>
            )}
          </section>
          <div className="controls">
            <button type="button" onClick={run(() => auth('/sign-out', {}))} disabled={busy}>
              {t.signOut}
            </button>
            <button type="button" onClick={run(() => auth('/revoke-sessions', {}))} disabled={busy}>
              {t.signOutEverywhere}
            </button>
          </div>
        </>
      )}
    </>
  );
}
