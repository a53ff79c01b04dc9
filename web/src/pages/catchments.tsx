/**
 * Catchments and competition: each site's catchment by road on the map (an outline), the
 * municipalities it reaches, the feedstock sites compete for where catchments overlap and who gets it
 * at the optimum. What if: drag a site on the map, move it to a municipality, change its capacity or
 * radius, or leave it out; the answer is recomputed beside the region's own sites (POST /catchments).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type CatchmentsAnswer, post, type Site, type Technology, useApi } from '../api.ts';
import { AddSite } from '../components/add-site.tsx';
import { LazyMap as MapView } from '../components/lazy-map.tsx';
import { ErrorBox, Loading } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { type Boundaries, loadBoundaries } from '../geo.ts';
import { useI18n } from '../i18n.tsx';

/** What the user changed on a site; absent fields are the site's own. */
interface Edit {
  on?: boolean;
  capacity?: string;
  radius?: string;
  /** Moved on the map … */
  lat?: number;
  lon?: number;
  /** … or to a municipality (its town). */
  municipality?: string;
}

export default function Catchments() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const sites = useApi<{ sites: Site[] }>(`/regions/${app.region.id}/sites`);
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [answer, setAnswer] = useState<CatchmentsAnswer | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [running, setRunning] = useState(false);
  // Sites the user added (the region's own may be none): new ids, so the answer says "added".
  const [added, setAdded] = useState<Site[]>([]);
  const own = sites.data?.sites ?? [];
  const list = useMemo(() => [...own, ...added], [own, added]);
  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const [geo, setGeo] = useState<Boundaries | undefined>();
  useEffect(() => {
    loadBoundaries().then(setGeo, () => undefined);
  }, []);

  const changed = added.length > 0 || Object.values(edits).some((e) => Object.keys(e).length > 0);
  const run = useCallback(
    async (current: Record<string, Edit>, extra: Site[] = added) => {
      setRunning(true);
      setError(undefined);
      try {
        const isNew = new Set(extra.map((s) => s.id));
        // An added site stands in its municipality's town unless it was dragged.
        const ownEdit = (s: Site): Edit =>
          isNew.has(s.id) ? { municipality: s.municipality, ...current[s.id] } : (current[s.id] ?? {});
        const touched = [...own, ...extra].filter(
          (s) => (isNew.has(s.id) || current[s.id]) && current[s.id]?.on !== false,
        );
        const without = own.filter((s) => current[s.id]?.on === false).map((s) => s.id);
        if (own.length === 0 && touched.length === 0) {
          setAnswer(undefined);
          return;
        }
        const a =
          touched.length === 0 && without.length === 0
            ? await api<CatchmentsAnswer>(`/catchments?region=${encodeURIComponent(app.region.id)}`)
            : await post<CatchmentsAnswer>('/catchments', {
                region: app.region.id,
                ...(without.length > 0 ? { withoutSites: without } : {}),
                ...(touched.length > 0 ? { sites: touched.map((s) => siteBody(s, ownEdit(s), name)) } : {}),
              });
        setAnswer(a);
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
      } finally {
        setRunning(false);
      }
    },
    [own, added, app.region.id, name],
  );
  // A new region (or its sites loaded) starts from its own sites.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once per region's sites.
  useEffect(() => {
    setEdits({});
    setAdded([]);
    setAnswer(undefined);
    if (sites.data && sites.data.sites.length > 0) void run({}, []);
  }, [sites.data]);

  const edit = (id: string, e: Edit, now = false) => {
    const next = { ...edits, [id]: { ...edits[id], ...e } };
    setEdits(next);
    if (now) void run(next);
  };

  // The map's sites: where the answer put them (a moved site at its new place).
  const placed = useMemo(
    () =>
      list
        .filter((s) => edits[s.id]?.on !== false)
        .map((s) => {
          const at = answer?.sites.find((x) => x.id === s.id);
          const e = edits[s.id];
          return {
            ...s,
            lat: e?.lat ?? at?.lat ?? s.lat,
            lon: e?.lon ?? at?.lon ?? s.lon,
            radiusKm: at?.radiusKm ?? s.radiusKm,
          };
        }),
    [list, edits, answer],
  );
  const outlines = useMemo(
    () =>
      (answer?.catchments ?? [])
        .filter((c) => c.outline)
        .map((c) => ({ id: c.site, ring: [...(c.outline ?? []), (c.outline ?? [])[0] as [number, number]] })),
    [answer],
  );
  const siteName = (id: string) => {
    const s = list.find((x) => x.id === id);
    return s ? name(s.name) : id;
  };
  const pct = (v: number) => `${f.num(v * 100)} %`;
  const mnok = (v: number | null) => (v === null ? '–' : f.num(v / 1e6, 1));

  if (sites.loading) return <Loading />;
  return (
    <>
      <h1>{t.catchmentsTitle}</h1>
      <p className="help">{t.catchmentsHelp}</p>
      {sites.error && <ErrorBox error={sites.error} retry={sites.reload} />}
      {sites.data && list.length === 0 && <p className="notice">{t.noSitesCatchments}</p>}
      {list.length > 0 && (
        <>
          <MapView
            label={t.catchmentsMap}
            region={app.region.municipalities}
            sites={placed}
            outlines={outlines}
            onSiteMove={(id, lon, lat) => edit(id, { lon, lat, municipality: undefined }, true)}
            height={460}
          />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(edits);
            }}
          >
            <div className="table-wrap">
              <table data-testid="catchment-sites">
                <caption>{t.sites}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.include}</th>
                    <th scope="col">{t.name}</th>
                    <th scope="col">{t.capacity}</th>
                    <th scope="col">{t.radiusKm}</th>
                    <th scope="col">{t.moveTo}</th>
                    <th scope="col" className="num">
                      {t.inflow}
                    </th>
                    <th scope="col" className="num">
                      {t.shadowPrice}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => {
                    const e = edits[s.id] ?? {};
                    const r = answer?.sites.find((x) => x.id === s.id);
                    return (
                      <tr key={s.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`${t.include}: ${name(s.name)}`}
                            checked={e.on !== false}
                            onChange={(ev) => edit(s.id, { on: ev.target.checked })}
                          />
                        </td>
                        <th scope="row">{name(s.name)}</th>
                        <td>
                          <input
                            type="number"
                            min={1}
                            className="narrow"
                            aria-label={`${t.capacity}: ${name(s.name)}`}
                            value={e.capacity ?? String(s.capacityTonnes)}
                            onChange={(ev) => edit(s.id, { capacity: ev.target.value })}
                          />{' '}
                          {s.basis === 'dm' ? 't TS' : 't'}
                        </td>
                        <td>
                          <input
                            type="number"
                            min={0}
                            max={1000}
                            className="narrow"
                            aria-label={`${t.radiusKm}: ${name(s.name)}`}
                            value={e.radius ?? String(r?.radiusKm ?? s.radiusKm ?? '')}
                            onChange={(ev) => edit(s.id, { radius: ev.target.value })}
                          />
                        </td>
                        <td>
                          <select
                            aria-label={`${t.moveTo}: ${name(s.name)}`}
                            name={`move-${s.id}`}
                            value={e.municipality ?? ''}
                            onChange={(ev) =>
                              edit(
                                s.id,
                                ev.target.value
                                  ? { municipality: ev.target.value, lat: undefined, lon: undefined }
                                  : { municipality: undefined },
                              )
                            }
                          >
                            <option value="">{t.stayHere}</option>
                            {app.region.municipalities.map((nr) => (
                              <option key={nr} value={nr}>
                                {app.munName(nr)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td className="num">{r ? f.num(r.inflowTonnesWet) : '–'}</td>
                        <td className="num">
                          {r?.shadowPriceNokPerTonne === null || r === undefined
                            ? '–'
                            : f.num(r.shadowPriceNokPerTonne)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="controls">
              <button type="submit" className="primary" disabled={running}>
                {t.recalculate}
              </button>
              {changed && (
                <button
                  type="button"
                  onClick={() => {
                    setEdits({});
                    setAdded([]);
                    void run({}, []);
                  }}
                >
                  {t.reset}
                </button>
              )}
            </div>
          </form>
        </>
      )}
      {techs.data && geo && (
        <AddSite
          technologies={techs.data.technologies}
          geo={geo}
          taken={new Set(list.map((x) => x.id))}
          onAdd={(site) => {
            const next = [...added, site];
            setAdded(next);
            void run(edits, next);
          }}
        />
      )}
      {error && <ErrorBox error={error} />}
      {running && <Loading />}
      {answer && (
        <div data-testid="catchments-result">
          <div className="table-wrap">
            <table>
              <caption>{t.catchmentsMap}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.site}</th>
                  <th scope="col" className="num">
                    {t.radiusKm}
                  </th>
                  <th scope="col">{t.reached}</th>
                </tr>
              </thead>
              <tbody>
                {answer.catchments.map((c) => (
                  <tr key={c.site}>
                    <th scope="row">{siteName(c.site)}</th>
                    <td className="num">{f.num(c.radiusKm)}</td>
                    <td>
                      {c.municipalities
                        .map(
                          (m) =>
                            `${app.munName(m.number)} ${pct(m.share)}${m.km === null ? '' : ` (${f.num(m.km)} km)`}`,
                        )
                        .join(', ') || '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {answer.competition.length === 0 ? (
            <p className="notice">{t.noCompetition}</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="competition">
                <caption>{t.competition}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.sites}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col" className="num">
                      {t.contested}
                    </th>
                    <th scope="col" className="num">
                      {t.getsA}
                    </th>
                    <th scope="col" className="num">
                      {t.getsB}
                    </th>
                    <th scope="col">{t.shadowPrice}</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.competition.map((c) => (
                    <tr key={c.sites.join('|')}>
                      <th scope="row">
                        A {siteName(c.sites[0])} / B {siteName(c.sites[1])}
                      </th>
                      <td>{c.kinds.map(app.kindName).join(', ')}</td>
                      <td className="num">{f.num(c.totalTonnes)}</td>
                      <td className="num">{f.num(c.outcome.received[0]?.tonnes ?? 0)}</td>
                      <td className="num">{f.num(c.outcome.received[1]?.tonnes ?? 0)}</td>
                      <td>
                        {c.outcome.received
                          .map((r) =>
                            r.shadowPriceNokPerTonne === null ? '–' : f.num(r.shadowPriceNokPerTonne),
                          )
                          .join(' / ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="help">{t.competitionHelp}</p>
            </div>
          )}
          {answer.allocation.unservedTonnes.length > 0 && (
            <p>
              {t.unserved}:{' '}
              {answer.allocation.unservedTonnes
                .map((u) => `${app.kindName(u.kind)} ${f.num(u.tonnes)} t`)
                .join(', ')}
            </p>
          )}
          {answer.whatIf && (
            <div className="table-wrap">
              <table data-testid="what-if">
                <caption>{t.whatIf}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.site}</th>
                    <th scope="col">{t.change}</th>
                    <th scope="col" className="num">
                      {t.inflowBefore}
                    </th>
                    <th scope="col" className="num">
                      {t.inflowAfter}
                    </th>
                    <th scope="col" className="num">
                      {t.valueBefore}
                    </th>
                    <th scope="col" className="num">
                      {t.valueAfter}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {answer.whatIf.changes.map((c) => (
                    <tr key={c.site}>
                      <th scope="row">{siteName(c.site)}</th>
                      <td>{t.siteChange[c.change] ?? c.change}</td>
                      <td className="num">{f.num(c.inflowTonnesWet.before)}</td>
                      <td className="num">{f.num(c.inflowTonnesWet.after)}</td>
                      <td className="num">{mnok(c.valueNok.before)}</td>
                      <td className="num">{mnok(c.valueNok.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                {t.totalValue}: {mnok(answer.whatIf.baseline.allocation.valueNok)} →{' '}
                {mnok(answer.allocation.valueNok)} {t.millionNok}
              </p>
            </div>
          )}
        </div>
      )}
    </>
  );
}

/** A site as the API's sites schema takes it, with the user's changes. */
function siteBody(s: Site, e: Edit, name: (w: Site['name']) => string): Record<string, unknown> {
  const moved = e.lat !== undefined && e.lon !== undefined;
  const radius = e.radius !== undefined && e.radius !== '' ? Number(e.radius) : (s.radiusKm ?? undefined);
  return {
    id: s.id,
    name: name(s.name),
    technology: s.technology,
    ...(s.route ? { route: s.route } : {}),
    ...(s.accepts ? { accepts: s.accepts } : {}),
    capacityTonnes: e.capacity !== undefined ? Number(e.capacity) : s.capacityTonnes,
    basis: s.basis,
    ...(e.municipality
      ? { municipality: e.municipality }
      : moved
        ? { lat: e.lat, lon: e.lon }
        : { lat: s.lat, lon: s.lon, ...(s.municipality ? { municipality: s.municipality } : {}) }),
    ...(radius !== undefined ? { transportRadiusKm: radius } : {}),
    status: s.status,
  };
}
