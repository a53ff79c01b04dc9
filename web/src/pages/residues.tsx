/** Residues per kind and municipality: table and chart with P10–P90, profile and year; every number opens its trace. */
import { useMemo, useState } from 'react';
import { type Residues as ResiduesAnswer, type Sources, useApi } from '../api.ts';
import { labelMargin, Plot, PlotFigure } from '../components/plot-figure.tsx';
import { TraceDialog, type TraceRequest } from '../components/trace-dialog.tsx';
import { ErrorBox, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

const DRAWS = 1000;

type Tonnes = { tonnesWet: number; tonnesDm: number };
/** Percentiles are drawn on the wet basis; DM uses the wet spread scaled by the figure's DM share. */
const scaleOf = (basis: 'wet' | 'dm', r: Tonnes) => (basis === 'wet' ? 1 : r.tonnesDm / (r.tonnesWet || 1));
const tonnesOn = (basis: 'wet' | 'dm', r: Tonnes) => (basis === 'wet' ? r.tonnesWet : r.tonnesDm);

export default function Residues() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const [profile, setProfile] = useState('report');
  const [year, setYear] = useState('');
  const [basis, setBasis] = useState<'wet' | 'dm'>('wet');
  const sources = useApi<Sources>('/sources');
  const q = new URLSearchParams({ profile, uncertainty: String(DRAWS), seed: '1' });
  if (year) q.set('year', year);
  const res = useApi<ResiduesAnswer>(`/regions/${app.region.id}/residues?${q.toString()}`);
  const [kind, setKind] = useState<string>('');
  const [trace, setTrace] = useState<TraceRequest | undefined>();

  const data = res.data;
  const totals = data?.totals ?? [];
  const chosen = kind && totals.some((x) => x.kind === kind) ? kind : (totals[0]?.kind ?? '');
  // Percentiles are drawn on the wet basis; DM uses the wet spread scaled by the DM share of the figure.
  const scale = (r: { tonnesWet: number; tonnesDm: number }) =>
    basis === 'wet' ? 1 : r.tonnesDm / (r.tonnesWet || 1);
  const val = (r: { tonnesWet: number; tonnesDm: number }) => (basis === 'wet' ? r.tonnesWet : r.tonnesDm);

  const totalsChart = useMemo(() => {
    const rows = totals.map((x) => ({
      kind: app.kindName(x.kind),
      value: tonnesOn(basis, x),
      p10: (x.p10 ?? 0) * scaleOf(basis, x),
      p90: (x.p90 ?? 0) * scaleOf(basis, x),
    }));
    return {
      marginLeft: labelMargin(rows.map((r) => r.kind)),
      height: 30 + rows.length * 26,
      x: {
        label: basis === 'wet' ? t.tonnesWet : t.tonnesDm,
        grid: true,
        tickFormat: (v: number) => f.num(v),
      },
      y: { label: null },
      marks: [
        Plot.barX(rows, { x: 'value', y: 'kind', fill: '#74c476', sort: { y: '-x' } }),
        Plot.ruleY(rows, { x1: 'p10', x2: 'p90', y: 'kind', stroke: '#14532d', strokeWidth: 2 }),
        Plot.tickX(rows, { x: 'p10', y: 'kind', stroke: '#14532d' }),
        Plot.tickX(rows, { x: 'p90', y: 'kind', stroke: '#14532d' }),
      ],
    } satisfies Plot.PlotOptions;
  }, [totals, basis, app, t, f]);

  const perMun = useMemo(() => (data?.rows ?? []).filter((r) => r.kind === chosen), [data, chosen]);
  const munChart = useMemo(() => {
    const rows = perMun.map((r) => ({
      mun: app.munName(r.municipality),
      value: tonnesOn(basis, r),
      p10: (r.p10 ?? 0) * scaleOf(basis, r),
      p90: (r.p90 ?? 0) * scaleOf(basis, r),
    }));
    return {
      marginLeft: labelMargin(rows.map((r) => r.mun)),
      height: 30 + rows.length * 26,
      x: {
        label: `${app.kindName(chosen)}, ${basis === 'wet' ? t.tonnesWet : t.tonnesDm}`,
        grid: true,
        tickFormat: (v: number) => f.num(v),
      },
      y: { label: null },
      marks: [
        Plot.barX(rows, { x: 'value', y: 'mun', fill: '#93c5fd', sort: { y: '-x' } }),
        Plot.ruleY(rows, { x1: 'p10', x2: 'p90', y: 'mun', stroke: '#1e3a8a', strokeWidth: 2 }),
        Plot.tickX(rows, { x: 'p10', y: 'mun', stroke: '#1e3a8a' }),
        Plot.tickX(rows, { x: 'p90', y: 'mun', stroke: '#1e3a8a' }),
      ],
    } satisfies Plot.PlotOptions;
  }, [perMun, basis, chosen, app, t, f]);

  const csv = `/api/regions/${app.region.id}/residues?${new URLSearchParams({ profile, format: 'csv', ...(year ? { year } : {}) }).toString()}`;
  const xlsx = csv.replace('format=csv', 'format=xlsx');

  return (
    <>
      <h1>{t.pages.residues}</h1>
      <div className="controls">
        <Select
          label={t.profile}
          name="profile"
          value={profile}
          onChange={setProfile}
          options={app.profiles.map((p) => ({ value: p.id, label: name(p.title) }))}
        />
        <Select
          label={t.year}
          name="year"
          value={year}
          onChange={setYear}
          options={[
            { value: '', label: t.latestYear },
            ...(sources.data?.years ?? []).map((y) => ({ value: String(y), label: String(y) })),
          ]}
        />
        <Select<'wet' | 'dm'>
          label={t.basis}
          name="basis"
          value={basis}
          onChange={setBasis}
          options={[
            { value: 'wet', label: t.tonnesWet },
            { value: 'dm', label: t.tonnesDm },
          ]}
        />
        <p className="downloads">
          {t.download}: <a href={csv}>CSV</a> · <a href={xlsx}>XLSX</a>
        </p>
      </div>
      <p className="help">{name(app.profiles.find((p) => p.id === profile)?.description)}</p>
      <p className="help">{t.uncertaintyNote}</p>
      {res.error && <ErrorBox error={res.error} retry={res.reload} />}
      {res.loading && <Loading />}
      {data && !res.error && (
        <div aria-busy={res.loading} data-testid="residues-ready" data-profile={data.profile}>
          <section aria-labelledby="by-kind">
            <h2 id="by-kind">{t.byKind}</h2>
            <PlotFigure options={totalsChart} label={`${t.byKind}: ${t.tonnesWet}, P10–P90`} />
            <div className="table-wrap">
              <table data-testid="totals-table">
                <thead>
                  <tr>
                    <th scope="col">{t.kind}</th>
                    <th scope="col" className="num">
                      {basis === 'wet' ? t.tonnesWet : t.tonnesDm}
                    </th>
                    <th scope="col" className="num">
                      P10
                    </th>
                    <th scope="col" className="num">
                      P90
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {totals.map((x) => (
                    <tr key={x.kind} className={x.kind === chosen ? 'current' : undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="link"
                          onClick={() => setKind(x.kind)}
                          aria-pressed={x.kind === chosen}
                        >
                          {app.kindName(x.kind)}
                        </button>
                      </th>
                      <td className="num">{f.num(val(x))}</td>
                      <td className="num">{f.num((x.p10 ?? Number.NaN) * scale(x))}</td>
                      <td className="num">{f.num((x.p90 ?? Number.NaN) * scale(x))}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t.total}</th>
                    <td className="num">{f.num(totals.reduce((s, x) => s + val(x), 0))}</td>
                    <td />
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section aria-labelledby="by-mun">
            <h2 id="by-mun">
              {t.byMunicipality}: {app.kindName(chosen)}
            </h2>
            <Select
              label={t.kind}
              name="kind"
              value={chosen}
              onChange={setKind}
              options={totals.map((x) => ({ value: x.kind, label: app.kindName(x.kind) }))}
            />
            <PlotFigure options={munChart} label={`${app.kindName(chosen)} ${t.byMunicipality}, P10–P90`} />
            <div className="table-wrap">
              <table data-testid="municipality-table">
                <thead>
                  <tr>
                    <th scope="col">{t.municipality}</th>
                    <th scope="col" className="num">
                      {basis === 'wet' ? t.tonnesWet : t.tonnesDm}
                    </th>
                    <th scope="col" className="num">
                      P10
                    </th>
                    <th scope="col" className="num">
                      P90
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {perMun.map((r) => (
                    <tr key={r.municipality}>
                      <th scope="row">{app.munName(r.municipality)}</th>
                      <td className="num">
                        <button
                          type="button"
                          className="link num-button"
                          aria-label={`${t.openTrace} ${app.kindName(r.kind)}, ${app.munName(r.municipality)}: ${f.num(val(r))} t`}
                          onClick={() =>
                            setTrace({
                              kind: r.kind,
                              municipality: r.municipality,
                              profile: data.profile,
                              ...(year ? { year: Number(year) } : {}),
                            })
                          }
                        >
                          {f.num(val(r))}
                        </button>
                      </td>
                      <td className="num">{f.num((r.p10 ?? Number.NaN) * scale(r))}</td>
                      <td className="num">{f.num((r.p90 ?? Number.NaN) * scale(r))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
      {trace && <TraceDialog request={trace} onClose={() => setTrace(undefined)} />}
    </>
  );
}
