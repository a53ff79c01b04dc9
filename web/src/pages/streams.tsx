/**
 * Who holds what, and who could use it: pick a stream (biological or technical), a place and a road
 * distance; the actors on the map (one bubble per municipality, in the stream's colour) and in a
 * table, best first. Named companies open their streams one at a time; farms and sole proprietorships
 * are a count and a sum per municipality. GET /actors/holders, /actors/users, /actors/{orgnr}/streams.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  type ActorStream,
  type ActorStreamsAnswer,
  type Comparison,
  type StreamAnswer,
  type StreamKinds,
  useApi,
} from '../api.ts';
import { LazyMap as MapView } from '../components/lazy-map.tsx';
import type { Bubble } from '../components/map-view.tsx';
import { ErrorBox, Field, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { type Boundaries, loadBoundaries } from '../geo.ts';
import { useI18n } from '../i18n.tsx';

/** One colour per stream kind, in the order the kinds come (colour-blind-safe where it can be). */
const PALETTE = [
  '#15803d',
  '#b45309',
  '#7c3aed',
  '#0369a1',
  '#be123c',
  '#4d7c0f',
  '#a16207',
  '#0f766e',
  '#9333ea',
  '#475569',
];

type Direction = 'holds' | 'uses';

export default function Streams() {
  const { t, f, name } = useI18n();
  const app = useApp();
  const region = app.region.id;
  const catalogue = useApi<StreamKinds>('/actors/stream-kinds');
  const [direction, setDirection] = useState<Direction>('holds');
  const [kind, setKind] = useState('husdyrgjodsel');
  const [near, setNear] = useState('');
  const [within, setWithin] = useState('50');
  const [withinKm, setWithinKm] = useState('50');
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    const h = setTimeout(() => setWithinKm(within.trim()), 400);
    return () => clearTimeout(h);
  }, [within]);
  const params = new URLSearchParams({ kind, region });
  if (near) {
    params.set('near', near);
    if (/^\d+([.,]\d+)?$/.test(withinKm)) params.set('within', withinKm.replace(',', '.'));
  }
  const path = `/actors/${direction === 'holds' ? 'holders' : 'users'}?${params.toString()}`;
  const answer = useApi<StreamAnswer>(path);
  const comparison = useApi<Comparison>(
    direction === 'holds' ? `/actors/compare?region=${region}&kinds=${kind}` : null,
  );
  const one = useApi<ActorStreamsAnswer>(selected ? `/actors/${selected}/streams` : null);
  const [geo, setGeo] = useState<Boundaries | undefined>();
  useEffect(() => {
    loadBoundaries().then(setGeo, () => undefined);
  }, []);

  const kinds = catalogue.data?.kinds ?? [];
  const kindName = (id: string) => name(kinds.find((k) => k.id === id)?.name) || id;
  const color = PALETTE[
    Math.max(
      0,
      kinds.findIndex((k) => k.id === kind),
    ) % PALETTE.length
  ] as string;
  const reach = (s: ActorStream) => {
    const r = s.reaches;
    if (!r) return '–';
    if (r.tier) return t.tiers[r.tier as keyof typeof t.tiers] ?? r.tier;
    return name(catalogue.data?.ladder.find((x) => x.id === r.step)?.name) || (r.step ?? '–');
  };
  const quantity = (s: ActorStream) =>
    s.quantity ? `${f.num(s.quantity.tonnes)} (${f.num(s.quantity.low)}–${f.num(s.quantity.high)})` : '–';

  const bubbles = useMemo<Bubble[]>(() => {
    if (!geo || !answer.data) return [];
    const pos = new Map(geo.features.map((x) => [x.properties.number, x.properties]));
    const per = new Map<string, number>();
    for (const r of answer.data.rows)
      per.set(
        r.municipality,
        (per.get(r.municipality) ?? 0) +
          (direction === 'holds' ? (r.stream.quantity?.tonnes ?? 0) : r.actors),
      );
    return [...per].flatMap(([nr, v]) => {
      const p = pos.get(nr);
      return p?.lat !== undefined && p.lon !== undefined && v > 0
        ? [{ lon: p.lon, lat: p.lat, count: v, label: f.num(v), color }]
        : [];
    });
  }, [geo, answer.data, direction, color, f]);

  const csv = `/api${path}&format=csv`;
  const rows = answer.data?.rows ?? [];
  return (
    <>
      <h1>{t.streamsTitle}</h1>
      <p className="lead">{t.streamsHelp}</p>
      {catalogue.error && <ErrorBox error={catalogue.error} retry={catalogue.reload} />}
      <div className="controls">
        <Select<Direction>
          label={t.question}
          name="direction"
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'holds', label: t.whoHolds },
            { value: 'uses', label: t.whoCouldUse },
          ]}
        />
        <Select
          label={t.stream}
          name="kind"
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k.id, label: `${name(k.name)} (${t[`cycle_${k.cycle}`]})` }))}
        />
        <Select
          label={t.near}
          name="near"
          value={near}
          onChange={setNear}
          options={[
            { value: '', label: t.wholeRegion },
            ...app.region.municipalities.map((nr) => ({ value: nr, label: app.munName(nr) })),
          ]}
        />
        {near && (
          <Field label={t.withinKm}>
            {(id) => (
              <input
                id={id}
                name="within"
                inputMode="decimal"
                value={within}
                onChange={(e) => setWithin(e.target.value)}
                size={5}
              />
            )}
          </Field>
        )}
      </div>
      {answer.loading && <Loading />}
      {answer.error && <ErrorBox error={answer.error} retry={answer.reload} />}
      {answer.data && (
        <>
          {answer.data.basis.registerUnits === 0 && (
            <p className="notice" role="status" data-testid="no-register">
              {t.noRegister}
            </p>
          )}
          <section aria-labelledby="streams-map">
            <h2 id="streams-map">
              {t.streamsMap}: {kindName(kind)}
            </h2>
            <MapView
              label={`${t.streamsMap}: ${kindName(kind)}`}
              region={app.region.municipalities}
              bubbles={bubbles}
              height={360}
            />
          </section>
          <section aria-labelledby="streams-table">
            <h2 id="streams-table">
              {direction === 'holds' ? t.whoHolds : t.whoCouldUse}: {kindName(kind)}
            </h2>
            <p aria-live="polite" data-testid="streams-summary">
              {f.num(rows.reduce((s, r) => s + r.actors, 0))} {t.pages.actors.toLowerCase()} ·{' '}
              {f.num(answer.data.municipalities.length)} {t.municipalities.toLowerCase()}
              {answer.data.total
                ? ` · ${t.total}: ${f.num(answer.data.total.tonnes)} ${t.tonnesPerYear}`
                : ''}
            </p>
            {rows.length === 0 ? (
              <p>{t.noActors}</p>
            ) : (
              <div className="table-wrap">
                <table data-testid="streams-rows">
                  <thead>
                    <tr>
                      <th scope="col">{t.actor}</th>
                      <th scope="col">{t.municipality}</th>
                      <th scope="col">
                        {direction === 'holds' ? `${t.tonnesPerYear} (P10–P90)` : t.reaches}
                      </th>
                      <th scope="col">{t.basis}</th>
                      <th scope="col">{t.status}</th>
                      {near && <th scope="col">{t.distanceKm}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r, i) => (
                      <tr
                        key={r.orgnr ?? `group-${r.municipality}-${i}`}
                        data-group={r.group ? 'true' : 'false'}
                      >
                        <th scope="row">
                          {r.group || !r.orgnr ? (
                            t.farmsAndSoleProprietors(r.actors)
                          ) : (
                            <button type="button" className="link" onClick={() => setSelected(r.orgnr)}>
                              {r.name}
                            </button>
                          )}
                        </th>
                        <td>{app.munName(r.municipality)}</td>
                        <td className="num">
                          {direction === 'holds' ? quantity(r.stream) : reach(r.stream)}
                        </td>
                        <td>{t[`basis_${r.stream.basis}`]}</td>
                        <td>{t[`status_${r.stream.status}`]}</td>
                        {near && <td className="num">{r.distance ? f.num(r.distance.km) : '–'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {answer.data.privacy.groupedActors > 0 && <p className="note">{t.privacyNote}</p>}
            <p className="downloads">
              {t.download}: <a href={csv}>CSV</a>
            </p>
          </section>
          {direction === 'holds' &&
            comparison.data &&
            comparison.data.rows.some((r) => r.statistics !== null) && (
              <section aria-labelledby="against-statistics" data-testid="against-statistics">
                <h2 id="against-statistics">{t.againstStatistics}</h2>
                <p>{t.againstStatisticsHelp}</p>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.municipality}</th>
                        <th scope="col">{t.fromActors}</th>
                        <th scope="col">{t.fromStatistics}</th>
                        <th scope="col">{t.differenceTonnes}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {comparison.data.rows.map((r) => (
                        <tr key={r.municipality}>
                          <th scope="row">{app.munName(r.municipality)}</th>
                          <td className="num">{r.actors ? f.num(r.actors.tonnes) : '–'}</td>
                          <td className="num">{r.statistics === null ? '–' : f.num(r.statistics)}</td>
                          <td className="num">{r.difference === null ? '–' : f.num(r.difference)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            )}
          {selected && (
            <section aria-labelledby="one-actor" data-testid="one-actor">
              {one.loading && <Loading />}
              {one.error && <ErrorBox error={one.error} retry={one.reload} />}
              {one.data && (
                <>
                  <h2 id="one-actor">
                    {t.streamsOf} {one.data.name} ({one.data.orgnr})
                  </h2>
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t.question}</th>
                          <th scope="col">{t.stream}</th>
                          <th scope="col">{t.tonnesPerYear} (P10–P90)</th>
                          <th scope="col">{t.reaches}</th>
                          <th scope="col">{t.basis}</th>
                          <th scope="col">{t.status}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {one.data.streams.map((s) => (
                          <tr key={`${s.direction}-${s.kind}`}>
                            <td>{s.direction === 'holds' ? t.holds : t.couldUse}</td>
                            <th scope="row">{kindName(s.kind)}</th>
                            <td className="num">{quantity(s)}</td>
                            <td>{reach(s)}</td>
                            <td>{t[`basis_${s.basis}`]}</td>
                            <td>{t[`status_${s.status}`]}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <button type="button" onClick={() => setSelected(null)}>
                    {t.close}
                  </button>
                </>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
