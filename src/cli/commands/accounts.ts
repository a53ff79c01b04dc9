/**
 * Accounts for administrators, on the server's machine: `accounts grant` and `accounts revoke` give and
 * take the platform's roles (a regional facilitator, an administrator), `accounts roles` lists them,
 * `accounts audit` shows who did what. Accounts themselves are made by signing up in the app.
 */
import type { Command } from 'commander';
import { readAudit } from '../../app/accounts.ts';
import {
  grantPlatformRole,
  listPlatformRoles,
  PLATFORM_ROLES,
  type PlatformRole,
  revokePlatformRole,
} from '../../app/roles.ts';
import type { CliContext } from '../context.ts';
import { parseInteger } from '../context.ts';
import { keyword, parseLangOption, renderJson, renderTable } from '../format.ts';
import { t } from '../i18n.ts';

interface RoleOptions {
  email: string;
  role: string;
  region?: string;
  lang: string;
}

function roleCommand(cmd: Command): Command {
  return cmd
    .requiredOption('--email <address>', 'the account’s email address')
    .requiredOption('--role <role>', 'facilitator (of a region) or admin')
    .option('--region <id>', 'the region a facilitator serves')
    .option('--lang <lang>', 'nb or en', 'nb');
}

export function registerAccounts(program: Command, ctx: CliContext): void {
  const accounts = program
    .command('accounts')
    .description('the platform’s roles and the audit log (administrators)');
  roleCommand(accounts.command('grant').description('give an account a role')).action(
    async (o: RoleOptions) => {
      const lang = parseLangOption(o.lang);
      const role = keyword(o.role, 'role', PLATFORM_ROLES) as PlatformRole;
      const g = await grantPlatformRole(ctx.workspace(), {
        email: o.email,
        role,
        region: o.region,
        by: 'cli',
      });
      ctx.out(`${o.email}: + ${t(`role_${g.role}`, lang)}${g.region ? ` (${g.region})` : ''}\n`);
    },
  );
  roleCommand(accounts.command('revoke').description('take a role from an account')).action(
    async (o: RoleOptions) => {
      const lang = parseLangOption(o.lang);
      const role = keyword(o.role, 'role', PLATFORM_ROLES) as PlatformRole;
      const had = await revokePlatformRole(ctx.workspace(), {
        email: o.email,
        role,
        region: o.region,
        by: 'cli',
      });
      ctx.out(
        `${o.email}: ${had ? '−' : '='} ${t(`role_${role}`, lang)}${o.region ? ` (${o.region})` : ''}\n`,
      );
    },
  );
  accounts
    .command('roles')
    .description('every role granted')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: { format: string; lang: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const list = await listPlatformRoles(ctx.workspace());
      if (format === 'json') {
        ctx.out(renderJson(list));
        return;
      }
      ctx.out(
        `${renderTable(
          [t('email', lang), t('role', lang), t('region', lang), t('granted', lang)],
          list.map((g) => [g.email, t(`role_${g.role}`, lang), g.region ?? '–', g.grantedAt]),
        )}\n`,
      );
    });
  accounts
    .command('audit')
    .description('who did what, newest first')
    .option('--limit <n>', 'rows', '50')
    .option('--format <format>', 'table or json', 'table')
    .option('--lang <lang>', 'nb or en', 'nb')
    .action(async (o: { limit: string; format: string; lang: string }) => {
      const format = keyword(o.format, 'format', ['table', 'json'] as const);
      const lang = parseLangOption(o.lang);
      const log = await readAudit(ctx.workspace().store.db, {
        limit: parseInteger(o.limit, '--limit', 1, 10_000),
      });
      if (format === 'json') {
        ctx.out(renderJson(log));
        return;
      }
      ctx.out(
        `${renderTable(
          [t('time', lang), t('action', lang), t('target', lang), 'IP'],
          log.map((e) => [e.at, e.action, e.target ?? '–', e.ip ?? '–']),
        )}\n`,
      );
    });
}
