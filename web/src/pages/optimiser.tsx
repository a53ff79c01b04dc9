/**
 * The optimiser: objective and CO2e price, the region's sites with editable capacities, a run polled
 * for progress; flows on the map and as a Sankey (municipality → site → product tier), value and CO2e
 * by site, the uplift, and binding limits with their shadow prices in words.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { renderMessage } from '../../../src/messages/catalogue.ts';
import { type Allocation, api, type Job, post, type Site, type Technology, useApi } from '../api.ts';
import { AddSite } from '../components/add-site.tsx';
import { LazyMap as MapView } from '../components/lazy-map.tsx';
import type { Flow } from '../components/map-view.tsx';
import { Sankey, type SankeyData } from '../components/sankey.tsx';
import { ErrorBox, Field, Figure, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { type Boundaries, loadBoundaries } from '../geo.ts';
import { type Formatters, type Strings, useI18n } from '../i18n.tsx';

type Objective = 'value' | 'co2e' | 'weighted';

export default function Optimiser() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const sites = useApi<{ sites: Site[] }>(`/regions/${app.region.id}/sites`);
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const [objective, setObjective] = useState<Objective>('value');
  const [price, setPrice] = useState('2000');
  const [edits, setEdits] = useState<Record<string, { on: boolean; capacity: string }>>({});
  const [candidates, setCandidates] = useState(false);
  const [job, setJob] = useState<Job | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [geo, setGeo] = useState<Boundaries | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    loadBoundaries().then(setGeo, () => undefined);
    return () => clearTimeout(timer.current);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new region starts from its own sites.
  useEffect(() => {
    setEdits({});
    setAdded([]);
    setJob(undefined);
  }, [app.region.id]);

  const [added, setAdded] = useState<Site[]>([]);
  const siteList = useMemo(() => [...(sites.data?.sites ?? []), ...added], [sites.data, added]);
  const edit = (s: Site) => edits[s.id] ?? { on: true, capacity: String(s.capacityTonnes) };

  const run = async () => {
    clearTimeout(timer.current);
    setError(undefined);
    setJob(undefined);
    const chosen = siteList.filter((s) => edit(s).on);
    const body: Record<string, unknown> = {
      region: app.region.id,
      profile: 'report',
      objective,
      ...(objective === 'weighted' ? { co2ePriceNok: Number(price) } : {}),
      noDefaultSites: true,
      candidates,
      sites: chosen.map((s) => ({
        id: s.id,
        name: s.name,
        technology: s.technology,
        ...(s.route ? { route: s.route } : {}),
        ...(s.accepts ? { accepts: s.accepts } : {}),
        capacityTonnes: Number(edit(s).capacity),
        basis: s.basis,
        lat: s.lat,
        lon: s.lon,
        ...(s.municipality ? { municipality: s.municipality } : {}),
        ...(s.radiusKm ? { transportRadiusKm: s.radiusKm } : {}),
        status: s.status,
        // An unchanged assumed capacity stays an assumption, with the data's note saying why.
        ...(s.capacityIsAssumption && s.note && Number(edit(s).capacity) === s.capacityTonnes
          ? { capacityIsAssumption: true, note: s.note }
          : {}),
      })),
    };
    if (chosen.length === 0) delete body.sites;
    try {
      const started = await post<Job>('/optimise', body);
      setJob(started);
      const poll = async () => {
        const j = await api<Job>(`/optimise/${started.id}`);
        setJob(j);
        if (j.stage !== 'done' && j.stage !== 'failed')
          timer.current = setTimeout(() => void poll().catch(setError), 250);
      };
      timer.current = setTimeout(() => void poll().catch(setError), 150);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const result = job?.stage === 'done' ? job.result : undefined;
  const running = job !== undefined && job.stage !== 'done' && job.stage !== 'failed';
  return (
    <>
      <h1>{t.optimiserTitle}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="controls">
          <Select<Objective>
            label={t.objective}
            name="objective"
            value={objective}
            onChange={setObjective}
            options={[
              { value: 'value', label: t.objectiveValue },
              { value: 'co2e', label: t.objectiveCo2e },
              { value: 'weighted', label: t.objectiveWeighted },
            ]}
          />
          <Field label={t.co2ePrice}>
            {(id) => (
              <input
                id={id}
                name="co2e-price"
                type="number"
                min={0}
                max={1000000}
                value={price}
                disabled={objective !== 'weighted'}
                onChange={(e) => setPrice(e.target.value)}
              />
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={candidates} onChange={(e) => setCandidates(e.target.checked)} />{' '}
            {t.candidates}
          </label>
        </div>
        {sites.loading && <Loading />}
        {sites.data && siteList.length === 0 && <p className="notice">{t.noSites}</p>}
        {siteList.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption>{t.sites}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.include}</th>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.technology}</th>
                  <th scope="col">{t.capacity}</th>
                  <th scope="col" className="num">
                    {t.radius} (km)
                  </th>
                </tr>
              </thead>
              <tbody>
                {siteList.map((s) => {
                  const e = edit(s);
                  const tech = techs.data?.technologies.find((x) => x.id === s.technology);
                  return (
                    <tr key={s.id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t.include}: ${name(s.name)}`}
                          checked={e.on}
                          onChange={(ev) => setEdits({ ...edits, [s.id]: { ...e, on: ev.target.checked } })}
                        />
                      </td>
                      <th scope="row">{name(s.name)}</th>
                      <td>{tech ? name(tech.name) : s.technology}</td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          className="narrow"
                          aria-label={`${t.capacity}: ${name(s.name)}`}
                          value={e.capacity}
                          onChange={(ev) =>
                            setEdits({ ...edits, [s.id]: { ...e, capacity: ev.target.value } })
                          }
                        />{' '}
                        {s.basis === 'dm' ? 't TS' : 't'}
                      </td>
                      <td className="num">{f.num(s.radiusKm)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {techs.data && geo && (
          <AddSite
            technologies={techs.data.technologies}
            geo={geo}
            taken={new Set(siteList.map((x) => x.id))}
            onAdd={(site) => setAdded([...added, site])}
          />
        )}
        <div className="controls">
          <button type="submit" className="primary" disabled={running}>
            {t.run}
          </button>
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {job && (
        <div className="progress-box" data-testid="optimiser-progress" data-stage={job.stage}>
          <label htmlFor="opt-progress">
            {t.progress}: {t.stages[job.stage] ?? job.stage}
          </label>
          <progress id="opt-progress" max={1} value={job.stage === 'done' ? 1 : job.progress} />
          {job.error && <ErrorBox error={new Error(job.error.message)} />}
        </div>
      )}
      {result && geo && <AllocationView result={result} sites={siteList} geo={geo} />}
    </>
  );
}

function AllocationView({ result, sites, geo }: { result: Allocation; sites: Site[]; geo: Boundaries }) {
  const { t, f, name } = useI18n();
  const app = useApp();
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const pos = useMemo(() => new Map(geo.features.map((x) => [x.properties.number, x.properties])), [geo]);
  const siteById = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const tierOfTech = useCallback(
    (id: string) =>
      (techs.data?.technologies.find((x) => x.id === id) as { tier?: string } | undefined)?.tier,
    [techs.data],
  );

  const flows = useMemo<Flow[]>(() => {
    const out: Flow[] = [];
    for (const fl of result.flows) {
      const from = pos.get(fl.from);
      const site = siteById.get(fl.site);
      if (from?.lon === undefined || from.lat === undefined || !site) continue;
      out.push({ from: [from.lon, from.lat], to: [site.lon, site.lat], tonnes: fl.tonnes });
    }
    return out;
  }, [result, pos, siteById]);

  const sankey = useMemo<SankeyData>(() => {
    const nodes = new Map<string, { id: string; label: string }>();
    const links = new Map<string, { source: string; target: string; value: number }>();
    const add = (s: string, tg: string, v: number) => {
      const k = `${s}|${tg}`;
      const l = links.get(k);
      if (l) l.value += v;
      else links.set(k, { source: s, target: tg, value: v });
    };
    for (const fl of result.flows) {
      const m = `m:${fl.from}`;
      const s = `s:${fl.site}`;
      nodes.set(m, { id: m, label: app.munName(fl.from) });
      nodes.set(s, { id: s, label: name(result.sites.find((x) => x.id === fl.site)?.name ?? fl.site) });
      add(m, s, fl.tonnes);
      // The product tier of the route: the last technology's declared tier when it has one.
      const last = fl.route[fl.route.length - 1] ?? fl.technology;
      const tier = tierOfTech(last) ?? tierOfTech(fl.technology) ?? 'energi';
      const tn = `t:${tier}`;
      nodes.set(tn, { id: tn, label: t.tiers[tier] ?? tier });
      add(s, tn, fl.tonnes);
    }
    return { nodes: [...nodes.values()], links: [...links.values()] };
  }, [result, app, t, tierOfTech, name]);

  const binding = result.sites.filter((s) => s.capacityBinds || s.radiusBinds);
  return (
    <section aria-labelledby="opt-result" data-testid="optimiser-result">
      <h2 id="opt-result">{t.result}</h2>
      <dl className="figures">
        <Figure label={t.valueNok} value={f.nok(result.valueNok)} />
        <Figure label={t.baseline} value={f.nok(result.baseline.valueNok)} />
        <Figure label={t.uplift} value={f.nok(result.upliftNok)} />
        <Figure label={t.co2e} value={f.num(result.co2eTonnes)} unit="t" />
      </dl>
      <h3>{t.flowsMap}</h3>
      <MapView
        label={t.flowsMap}
        region={app.region.municipalities}
        sites={sites}
        flows={flows}
        height={380}
      />
      <h3>{t.flows}</h3>
      <Sankey data={sankey} label={`${t.flows}: ${t.municipality} → ${t.sites} → ${t.tier}`} height={460} />
      <div className="table-wrap">
        <table>
          <caption>{t.bySite}</caption>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col" className="num">
                {t.used}
              </th>
              <th scope="col" className="num">
                {t.capacity}
              </th>
              <th scope="col" className="num">
                {t.valueNok}
              </th>
              <th scope="col" className="num">
                {t.co2e}
              </th>
              <th scope="col" className="num">
                {t.shadowPrice}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.sites.map((s) => (
              <tr key={s.id}>
                <th scope="row">{name(s.name)}</th>
                <td className="num">{f.num(s.usedTonnes)}</td>
                <td className="num">
                  {f.num(s.capacityTonnes)} {s.basis === 'dm' ? 'TS' : ''}
                </td>
                <td className="num">{f.nok(s.valueNok)}</td>
                <td className="num">{f.num(s.co2eTonnes)}</td>
                <td className="num">{f.num(s.shadowPriceNokPerTonne, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t.binding}</h3>
      <ul className="explain" data-testid="binding">
        {binding.length === 0 && <li>{t.noneBinds}</li>}
        {binding.map((s) => (
          <li key={s.id}>{explain(s, t, f, name)}</li>
        ))}
      </ul>
      {result.unallocated.length > 0 && (
        <details>
          <summary>
            {t.unallocated} ({f.num(result.unallocated.reduce((a, u) => a + u.tonnes, 0))} t)
          </summary>
          <ul>
            {result.unallocated.slice(0, 40).map((u) => (
              <li key={`${u.municipality}-${u.kind}`}>
                {app.munName(u.municipality)}, {app.kindName(u.kind)}: {f.num(u.tonnes)} t —{' '}
                {renderMessage(u.detail, f.lang, { kind: (id) => app.kindName(id) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="help">
        {t.assumedCapacities}: {result.assumedCapacities.join(', ') || '–'}
      </p>
    </section>
  );
}

function explain(
  s: Allocation['sites'][number],
  t: Strings,
  f: Formatters,
  name: (n: Allocation['sites'][number]['name']) => string,
): string {
  const parts = [];
  if (s.capacityBinds) {
    const sp = s.shadowPriceNokPerTonne;
    parts.push(
      t.siteFull({
        site: name(s.name),
        used: f.num(s.usedTonnes),
        capacity: f.num(s.capacityTonnes),
        unit: s.basis === 'dm' ? t.tonnesDmUnit : 't',
        shadowPrice: f.num(sp, 0),
        worth: sp > 0 ? f.nok(sp * 1000) : null,
      }),
    );
  }
  if (s.radiusBinds) parts.push(t.radiusBinds(f.num(s.radiusKm)));
  return parts.join(' ');
}
