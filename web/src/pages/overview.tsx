/** Region overview: key figures, the choropleth map per residue kind, sub-regions and sites; create a region. */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, post, type Region, type Residues, type Site, type Technology, useApi } from '../api.ts';
import { LazyMap as MapView } from '../components/lazy-map.tsx';
import { ErrorBox, Field, Figure, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { type Boundaries, loadBoundaries, quantileBreaks } from '../geo.ts';
import { useI18n } from '../i18n.tsx';

type Measure = 'tonnes' | 'perKm2' | 'perCapita';

/** Rows of the ranking shown before "show all". */
const TOP = 25;

/** A choice that holds for the region it was made in; another region starts from `fallback`. */
function useRegionChoice(region: string, fallback: string): [string, (id: string) => void] {
  const [choice, setChoice] = useState<{ region: string; id: string }>();
  return [choice?.region === region ? choice.id : fallback, (id) => setChoice({ region, id })];
}

export function Overview() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const { region } = app;
  // The report profile reproduces a region's transcribed report; every other region (a county, Norway,
  // one a user built) is estimated with the literature profile, which covers every municipality.
  // A choice holds for the region it was made in; another region starts from its defaults.
  const [profile, setProfile] = useRegionChoice(region.id, region.seedReport ? 'report' : 'literature');
  const residues = useApi<Residues>(`/regions/${region.id}/residues?profile=${profile}`);
  const [zoom, setZoom] = useRegionChoice(region.id, 'all');
  const zoomed = region.subRegions.find((x) => x.id === zoom)?.municipalities;
  const [showAll, setShowAll] = useState(false);
  const sites = useApi<{ sites: Site[] }>(`/regions/${region.id}/sites`);
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const techName = (id: string) => {
    const x = techs.data?.technologies.find((y) => y.id === id);
    return x ? x.name[f.lang] : id;
  };
  const [geo, setGeo] = useState<Boundaries | undefined>();
  useEffect(() => {
    loadBoundaries().then(setGeo, () => undefined);
  }, []);
  const [kind, setKind] = useState<string>('all');
  const [measure, setMeasure] = useState<Measure>('tonnes');
  const [showSites, setShowSites] = useState(true);
  const [showSub, setShowSub] = useState(true);
  const [creating, setCreating] = useState(false);

  const props = useMemo(
    () => new Map(geo?.features.map((x) => [x.properties.number, x.properties]) ?? []),
    [geo],
  );

  const perMunicipality = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of residues.data?.rows ?? []) {
      if (kind !== 'all' && r.kind !== kind) continue;
      m.set(r.municipality, (m.get(r.municipality) ?? 0) + r.tonnesWet);
    }
    return m;
  }, [residues.data, kind]);

  const values = useMemo(() => {
    const m = new Map<string, number>();
    for (const [nr, tonnes] of perMunicipality) {
      const p = props.get(nr);
      if (measure === 'tonnes') m.set(nr, tonnes);
      else if (measure === 'perKm2' && p?.areaKm2) m.set(nr, tonnes / p.areaKm2);
      else if (measure === 'perCapita' && p?.population) m.set(nr, (tonnes * 1000) / p.population);
    }
    return m;
  }, [perMunicipality, measure, props]);
  const breaks = useMemo(() => quantileBreaks([...values.values()], 5), [values]);
  // Largest first by the chosen measure (in the zoomed county or sub-region, when one is chosen);
  // municipalities without a value last, in the region's order.
  const ranked = useMemo(
    () =>
      (zoomed ?? region.municipalities)
        .map((nr, i) => ({ nr, i, v: values.get(nr) }))
        .sort((a, b) => (b.v ?? Number.NEGATIVE_INFINITY) - (a.v ?? Number.NEGATIVE_INFINITY) || a.i - b.i)
        .map((x) => x.nr),
    [values, region.municipalities, zoomed],
  );

  const totals = residues.data?.totals ?? [];
  const total = totals.reduce((s, x) => s + x.tonnesWet, 0);
  const largest = [...totals].sort((a, b) => b.tonnesWet - a.tonnesWet)[0];
  const population = region.municipalities.reduce((s, nr) => s + (props.get(nr)?.population ?? 0), 0);
  const area = region.municipalities.reduce((s, nr) => s + (props.get(nr)?.areaKm2 ?? 0), 0);
  const unitLabel = measure === 'tonnes' ? 't' : measure === 'perKm2' ? 't/km²' : t.perCapitaUnit;

  return (
    <>
      <h1>{region.name}</h1>
      {region.description && <p className="lead">{name(region.description)}</p>}
      <p className="help">
        {t.updated}: {f.date(region.updatedAt)}
      </p>
      <section aria-labelledby="kf">
        <h2 id="kf">{t.keyFigures}</h2>
        {residues.error ? (
          <ErrorBox error={residues.error} retry={residues.reload} />
        ) : (
          <dl className="figures" data-testid="key-figures">
            <Figure
              label={t.residuesTotal}
              value={residues.data ? f.num(total) : '…'}
              unit={t.tonnesPerYear}
            />
            <Figure
              label={t.largestStream}
              value={largest ? app.kindName(largest.kind) : '…'}
              unit={largest ? `${f.num(largest.tonnesWet)} t` : ''}
            />
            <Figure label={t.municipalities} value={f.num(region.municipalities.length)} />
            <Figure label={t.population} value={population ? f.num(population) : '…'} />
            <Figure label={t.area} value={area ? f.num(area) : '…'} unit="km²" />
            <Figure label={t.sites} value={sites.data ? f.num(sites.data.sites.length) : '…'} />
          </dl>
        )}
      </section>

      <section aria-labelledby="map-h">
        <h2 id="map-h">{t.mapTitle}</h2>
        <p className="help">{t.mapHelp}</p>
        <div className="controls">
          <Select
            label={t.kind}
            value={kind}
            onChange={setKind}
            name="kind"
            options={[
              { value: 'all', label: t.all },
              ...totals.map((x) => ({ value: x.kind, label: app.kindName(x.kind) })),
            ]}
          />
          <Select
            label={t.profile}
            value={profile}
            onChange={setProfile}
            name="profile"
            options={app.profiles.map((p) => ({ value: p.id, label: name(p.title) }))}
          />
          {region.subRegions.length > 1 && (
            <Select
              label={t.zoomTo}
              value={zoom}
              onChange={setZoom}
              name="zoom"
              options={[
                { value: 'all', label: t.wholeRegion },
                ...region.subRegions.map((x) => ({ value: x.id, label: x.name })),
              ]}
            />
          )}
          <Select<Measure>
            label={t.measure}
            value={measure}
            onChange={setMeasure}
            name="measure"
            options={[
              { value: 'tonnes', label: t.measureTonnes },
              { value: 'perKm2', label: t.measurePerKm2 },
              { value: 'perCapita', label: t.measurePerCapita },
            ]}
          />
          <label className="check">
            <input type="checkbox" checked={showSub} onChange={(e) => setShowSub(e.target.checked)} />{' '}
            {t.showSubRegions}
          </label>
          <label className="check">
            <input type="checkbox" checked={showSites} onChange={(e) => setShowSites(e.target.checked)} />{' '}
            {t.showSites}
          </label>
          <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
            {t.createRegion}
          </button>
        </div>
        {creating ? (
          <CreateRegion onDone={() => setCreating(false)} />
        ) : (
          <MapView
            label={t.mapTitle}
            region={region.municipalities}
            values={values}
            breaks={breaks}
            subRegions={showSub ? region.subRegions : []}
            {...(zoomed ? { fitTo: zoomed } : {})}
            sites={showSites ? sites.data?.sites : []}
            describe={(nr, name) => {
              const v = values.get(nr);
              return v === undefined ? name : `${name}: ${f.num(v, v < 10 ? 1 : 0)} ${unitLabel}`;
            }}
          />
        )}
        {residues.loading && !residues.data && <Loading />}
        {residues.data?.notEstimated?.map((n) => (
          <p className="help" key={n.kind} data-testid="not-estimated">
            {t.notEstimatedWeb(app.kindName(n.kind), n.municipalities.length, region.municipalities.length)}
          </p>
        ))}
        {residues.data && (
          <div className="table-wrap">
            <table data-testid="ranking">
              <caption>
                {t.ranking}: {kind === 'all' ? t.residuesTotal : app.kindName(kind)} ({unitLabel})
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t.rank}
                  </th>
                  <th scope="col">{t.municipality}</th>
                  <th scope="col" className="num">
                    {t.measureTonnes}
                  </th>
                  <th scope="col" className="num">
                    {t.measure} ({unitLabel})
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranked.slice(0, showAll ? ranked.length : TOP).map((nr, i) => (
                  <tr key={nr}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">{app.munName(nr)}</th>
                    <td className="num">{f.num(perMunicipality.get(nr))}</td>
                    <td className="num">{f.num(values.get(nr), measure === 'tonnes' ? 0 : 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {ranked.length > TOP && (
              <button type="button" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
                {showAll ? t.showTopMunicipalities : t.showAllMunicipalities}
              </button>
            )}
          </div>
        )}
        {sites.data && sites.data.sites.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption>{t.sites}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.technology}</th>
                  <th scope="col" className="num">
                    {t.capacity}
                  </th>
                  <th scope="col" className="num">
                    {t.radius} (km)
                  </th>
                </tr>
              </thead>
              <tbody>
                {sites.data.sites.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{name(s.name)}</th>
                    <td>{techName(s.technology)}</td>
                    <td className="num">
                      {f.num(s.capacityTonnes)} {s.basis === 'dm' ? 't TS' : 't'}
                      {s.capacityIsAssumption ? ' *' : ''}
                    </td>
                    <td className="num">{f.num(s.radiusKm)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(s) && s.length >= 2 ? s : `region-${s || 'ny'}`;
}

function CreateRegion({ onDone }: { onDone: () => void }) {
  const { t, f } = useI18n();
  const app = useApp();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const [saving, setSaving] = useState(false);
  const toggle = (nr: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(nr)) n.delete(nr);
      else n.add(nr);
      return n;
    });
  const list = [...app.municipalities.values()]
    .filter(
      (m) => !filter || m.name.toLowerCase().includes(filter.toLowerCase()) || m.number.startsWith(filter),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (selected.size === 0) {
      setError(new Error(t.chooseAtLeastOne));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const body = { id: slug(name), name: name.trim(), municipalities: [...selected] };
      const created = await post<Region>('/regions', body);
      app.reloadRegions(created.id ?? body.id);
      app.setRegion(created.id ?? body.id);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new Error(String(err)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="create-region" onSubmit={save} aria-label={t.createRegion}>
      <p className="help">{t.createRegionHelp}</p>
      <MapView
        label={t.createRegion}
        region={app.region.municipalities}
        selected={selected}
        onMunicipalityClick={toggle}
        fitTo={[...app.region.municipalities, ...selected]}
      />
      <div className="controls">
        <Field label={t.regionName}>
          {(id) => (
            <input
              id={id}
              name="region-name"
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <p aria-live="polite" data-testid="selected-count">
          {t.selected}: {f.num(selected.size)}
          {selected.size > 0 && ` (${[...selected].map(app.munName).join(', ')})`}
        </p>
      </div>
      <details>
        <summary>{t.municipalities}</summary>
        <Field label={t.filterMunicipalities}>
          {(id) => <input id={id} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}
        </Field>
        <ul className="checklist">
          {list.slice(0, 400).map((m) => (
            <li key={m.number}>
              <label>
                <input type="checkbox" checked={selected.has(m.number)} onChange={() => toggle(m.number)} />{' '}
                {m.name} ({m.number})
              </label>
            </li>
          ))}
        </ul>
      </details>
      {error && <ErrorBox error={error} />}
      <div className="controls">
        <button type="submit" className="primary" disabled={saving}>
          {t.saveRegion}
        </button>
        <button type="button" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
