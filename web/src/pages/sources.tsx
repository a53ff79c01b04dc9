/** Sources: every coefficient, price, yield and dataset with its source and year, searchable; the audit's findings. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { Message } from '../../../src/domain/message.ts';
import { renderMessage } from '../../../src/messages/catalogue.ts';
import { type Coefficient, type Sources, type Technology, useApi } from '../api.ts';
import { ErrorBox, Field, Loading, Select, SourceLine } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

interface Finding {
  /** For programs (the list's key), not shown. */
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** What disagrees, as a message code: rendered with the shared catalogue. */
  message: Message;
  /** Where the report states the figure, in words. */
  where?: Message;
  /** The source of the range the figure was held against, as cited. */
  citation?: string;
}

const SEVERITY = { error: 'severityError', warning: 'severityWarning', info: 'severityInfo' } as const;

interface Row {
  group: string;
  id: string;
  name: string;
  value: string;
  year?: number;
  source?: { citation: string; url?: string; table?: string; status?: string };
}

export default function SourcesPage() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const [profile, setProfile] = useState('report');
  const sources = useApi<Sources>('/sources');
  const coefs = useApi<{ coefficients: Coefficient[] }>(`/profiles/${profile}/coefficients`);
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const audit = useApi<{ checked: number; findings: Finding[] }>(`/audit?region=${app.region.id}`);
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim().toLowerCase());

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    for (const d of sources.data?.datasets ?? [])
      out.push({
        group: t.datasets,
        id: d.id,
        name: d.title,
        value: `${f.num(d.variables)} var.`,
        year: d.year,
        source: d.source,
      });
    for (const c of coefs.data?.coefficients ?? [])
      out.push({
        group: t.coefficients,
        id: c.id,
        name: name(c.name),
        value: `${f.coef(c.value)} ${c.unit} (${f.coef(c.low)}–${f.coef(c.high)})`,
        ...(c.year ? { year: c.year } : {}),
        source: c.source,
      });
    for (const p of sources.data?.products ?? [])
      out.push({
        group: t.prices,
        id: p.id,
        name: name(p.name),
        value: `${f.num(p.price.value)} ${p.price.currency}/${p.price.per} (${f.num(p.price.low)}–${f.num(p.price.high)})`,
        year: p.price.year,
        source: p.price.source,
      });
    for (const tech of techs.data?.technologies ?? []) {
      for (const o of tech.outputs)
        out.push({
          group: t.yields,
          id: o.yield.id,
          name: `${name(tech.name)}: ${name(o.yield.name)}`,
          value: `${f.coef(o.yield.value)} ${o.yield.unit} (${f.coef(o.yield.low)}–${f.coef(o.yield.high)})`,
          ...(o.yield.year ? { year: o.yield.year } : {}),
          source: o.yield.source,
        });
    }
    for (const r of sources.data?.currencyRates ?? [])
      out.push({
        group: t.prices,
        id: `rate.${r.currency}`,
        name: r.currency,
        value: `${f.num(r.nokPerUnit, 4)} NOK`,
        year: Number(r.date.slice(0, 4)),
        source: r.source,
      });
    for (const r of sources.data?.rules ?? [])
      out.push({
        group: t.rules,
        id: r.id,
        name: name(r.rule),
        value: r.forbiddenTiers.map((x) => t.tiers[x] ?? x).join(', '),
        source: r.legalSource,
      });
    return out;
  }, [sources.data, coefs.data, techs.data, t, f, name]);
  const shown = query
    ? rows.filter((r) =>
        `${r.group} ${r.id} ${r.name} ${r.value} ${r.year ?? ''} ${r.source?.citation ?? ''}`
          .toLowerCase()
          .includes(query),
      )
    : rows;

  const error = sources.error ?? coefs.error ?? techs.error;
  return (
    <>
      <h1>{t.sourcesTitle}</h1>
      <p className="help">{t.sourcesHelp}</p>
      <div className="controls">
        <Field label={t.filter}>
          {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Select
          label={t.profile}
          name="profile"
          value={profile}
          onChange={setProfile}
          options={app.profiles.map((p) => ({ value: p.id, label: name(p.title) }))}
        />
      </div>
      {error && <ErrorBox error={error} />}
      {(sources.loading || coefs.loading) && <Loading />}
      <p aria-live="polite" data-testid="sources-count">
        {t.showing} {f.num(shown.length)} {t.of} {f.num(rows.length)}
      </p>
      <div className="table-wrap">
        <table className="sources-table">
          <thead>
            <tr>
              <th scope="col">{t.unitType}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.year}</th>
              <th scope="col">{t.source}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 300).map((r) => (
              <tr key={`${r.group}:${r.id}`}>
                <td>{r.group}</td>
                <th scope="row">
                  {r.name}
                  <br />
                  <code>{r.id}</code>
                </th>
                <td>{r.value}</td>
                <td>{r.year ?? '–'}</td>
                <td>
                  <SourceLine source={r.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="audit-h">
        <h2 id="audit-h">{t.audit}</h2>
        <p className="help">{t.auditHelp}</p>
        {audit.loading && <Loading />}
        {audit.error && <ErrorBox error={audit.error} />}
        {audit.data && (
          <ul className="findings">
            {audit.data.findings.map((x) => (
              <li key={x.id} className={`finding finding-${x.severity}`}>
                <strong>{t[SEVERITY[x.severity]]}</strong>: {renderMessage(x.message, f.lang)}
                {x.where && (
                  <small>
                    {' '}
                    ({t.auditStatedIn}: {renderMessage(x.where, f.lang)})
                  </small>
                )}
                {x.citation && (
                  <small>
                    {' '}
                    {t.auditRangeSource}: {f.lang === 'nb' ? `«${x.citation}»` : `“${x.citation}”`}
                  </small>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
