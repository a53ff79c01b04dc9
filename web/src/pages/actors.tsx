/** Actors from Enhetsregisteret: filters, counts by sector and form, actors per municipality on the map, register links. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ActorItem, type ActorSummary, type Sources, useApi } from '../api.ts';
import { LazyMap as MapView } from '../components/lazy-map.tsx';
import type { Bubble } from '../components/map-view.tsx';
import { labelMargin, Plot, PlotFigure } from '../components/plot-figure.tsx';
import { ErrorBox, Field, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { type Boundaries, loadBoundaries } from '../geo.ts';
import { useI18n } from '../i18n.tsx';

const PAGE = 50;

/** Counts, largest first. */
const entries = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {}).sort((a, b) => b[1] - a[1]);

export default function Actors() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const region = app.region.id;
  const summary = useApi<ActorSummary>(`/actors/summary?region=${region}`);
  const sources = useApi<Sources>('/sources');
  const [sector, setSector] = useState('');
  const [form, setForm] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts at the first page.
  useEffect(() => setOffset(0), [sector, form, municipality, q, region]);
  const params = new URLSearchParams({ region, limit: String(PAGE), offset: String(offset) });
  if (sector) params.set('sector', sector);
  if (form) params.set('form', form);
  if (municipality) params.set('municipality', municipality);
  if (q) params.set('q', q);
  const imported = summary.data !== undefined && summary.data.total > 0;
  const list = useApi<{ total: number; items: ActorItem[] }>(
    imported ? `/actors?${params.toString()}` : null,
  );
  const [geo, setGeo] = useState<Boundaries | undefined>();
  useEffect(() => {
    loadBoundaries().then(setGeo, () => undefined);
  }, []);

  const sectorName = useCallback(
    (id: string) => {
      const s = sources.data?.sectors.find((x) => x.id === id);
      return s ? name(s.name) : id;
    },
    [sources.data, name],
  );

  const bubbles = useMemo<Bubble[]>(() => {
    if (!geo || !summary.data) return [];
    const pos = new Map(geo.features.map((x) => [x.properties.number, x.properties]));
    return entries(summary.data.byMunicipality).flatMap(([nr, count]) => {
      const p = pos.get(nr);
      return p?.lat !== undefined && p.lon !== undefined
        ? [{ lon: p.lon, lat: p.lat, count, label: f.num(count) }]
        : [];
    });
  }, [geo, summary.data, f]);

  const sectorChart = useMemo(() => {
    const rows = entries(summary.data?.bySector).map(([k, n]) => ({ k: sectorName(k), n }));
    return {
      marginLeft: labelMargin(rows.map((r) => r.k)),
      height: 30 + rows.length * 24,
      x: { label: t.countBySector, grid: true, tickFormat: (v: number) => f.num(v) },
      y: { label: null },
      marks: [Plot.barX(rows, { x: 'n', y: 'k', fill: '#7c3aed', sort: { y: '-x' } })],
    } satisfies Plot.PlotOptions;
  }, [summary.data, sectorName, t, f]);
  const formChart = useMemo(() => {
    const rows = entries(summary.data?.byForm).map(([k, n]) => ({ k, n }));
    return {
      marginLeft: labelMargin(rows.map((r) => r.k)),
      height: 30 + rows.length * 24,
      x: { label: t.countByForm, grid: true, tickFormat: (v: number) => f.num(v) },
      y: { label: null },
      marks: [Plot.barX(rows, { x: 'n', y: 'k', fill: '#0f766e', sort: { y: '-x' } })],
    } satisfies Plot.PlotOptions;
  }, [summary.data, t, f]);

  const notImported =
    (summary.error && (summary.error.status === 404 || summary.error.status === 0)) ||
    (summary.data !== undefined && summary.data.total === 0);

  return (
    <>
      <h1>{t.actorsTitle}</h1>
      {summary.loading && <Loading />}
      {notImported && (
        <p className="notice" role="status" data-testid="actors-not-imported">
          {t.notImported}
        </p>
      )}
      {summary.error && !notImported && <ErrorBox error={summary.error} retry={summary.reload} />}
      {imported && summary.data && (
        <>
          <p className="lead">
            {f.num(summary.data.total)} {t.pages.actors.toLowerCase()}
            {summary.data.rule ? ` · ${t.rule}: ${summary.data.rule}` : ''}
          </p>
          <div className="two-col">
            <section aria-labelledby="by-sector">
              <h2 id="by-sector">{t.countBySector}</h2>
              <PlotFigure options={sectorChart} label={t.countBySector} />
            </section>
            <section aria-labelledby="by-form">
              <h2 id="by-form">{t.countByForm}</h2>
              <PlotFigure options={formChart} label={t.countByForm} />
            </section>
          </div>
          <section aria-labelledby="actors-map">
            <h2 id="actors-map">{t.actorsOnMap}</h2>
            <MapView
              label={t.actorsOnMap}
              region={app.region.municipalities}
              bubbles={bubbles}
              height={360}
            />
          </section>
          <section aria-labelledby="directory">
            <h2 id="directory">{t.pages.actors}</h2>
            <div className="controls">
              <Select
                label={t.sector}
                name="sector"
                value={sector}
                onChange={setSector}
                options={[
                  { value: '', label: t.all },
                  ...entries(summary.data.bySector).map(([k]) => ({ value: k, label: sectorName(k) })),
                ]}
              />
              <Select
                label={t.form}
                name="form"
                value={form}
                onChange={setForm}
                options={[
                  { value: '', label: t.all },
                  ...entries(summary.data.byForm).map(([k]) => ({ value: k, label: k })),
                ]}
              />
              <Select
                label={t.municipality}
                name="municipality"
                value={municipality}
                onChange={setMunicipality}
                options={[
                  { value: '', label: t.all },
                  ...app.region.municipalities.map((nr) => ({ value: nr, label: app.munName(nr) })),
                ]}
              />
              <Field label={t.search}>
                {(id) => (
                  <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />
                )}
              </Field>
            </div>
            {list.error && <ErrorBox error={list.error} retry={list.reload} />}
            {list.data && (
              <>
                <p aria-live="polite" data-testid="actor-count">
                  {t.showing} {f.num(list.data.items.length === 0 ? 0 : offset + 1)}–
                  {f.num(offset + list.data.items.length)} {t.of} {f.num(list.data.total)}
                </p>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.name}</th>
                        <th scope="col">{t.orgnr}</th>
                        <th scope="col">{t.form}</th>
                        <th scope="col">{t.municipality}</th>
                        <th scope="col">{t.sector}</th>
                        <th scope="col">{t.nace}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.data.items.map((a, i) => (
                        <tr key={a.orgnr ?? `withheld-${offset + i}`}>
                          <th scope="row">{a.name ?? t.withheldName}</th>
                          <td>
                            {a.orgnr ? (
                              <a
                                href={`https://data.brreg.no/enhetsregisteret/oppslag/${a.unitType === 'underenhet' ? 'underenheter' : 'enheter'}/${a.orgnr}`}
                                target="_blank"
                                rel="noreferrer noopener"
                                aria-label={`${t.registerEntry}: ${a.name} (${a.orgnr})`}
                              >
                                {a.orgnr}
                              </a>
                            ) : (
                              '–'
                            )}
                          </td>
                          <td>{a.form}</td>
                          <td>{a.municipality ? app.munName(a.municipality) : '–'}</td>
                          <td>{a.sectors.map(sectorName).join(', ')}</td>
                          <td>{a.nace.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {list.data.items.some((a) => a.withheld) && <p className="note">{t.withheldNote}</p>}
                <div className="controls">
                  <button
                    type="button"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE))}
                  >
                    {t.previous}
                  </button>
                  <button
                    type="button"
                    disabled={offset + PAGE >= list.data.total}
                    onClick={() => setOffset(offset + PAGE)}
                  >
                    {t.next}
                  </button>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
