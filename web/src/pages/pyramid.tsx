/** The value pyramid per stream: tiers it may reach, value per tonne and in total, current use, uplift, reasons. */
import { useEffect, useState } from 'react';
import { renderMessage } from '../../../src/messages/catalogue.ts';
import { api, type Pyramid, type Residues, type Sources, type Technology, useApi } from '../api.ts';
import { ErrorBox, Loading, Select, SourceLine } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

const ORDER = ['produkt', 'mat', 'pharma', 'for', 'gjodsel', 'energi'];

export default function PyramidPage() {
  const { t, f } = useI18n();
  const app = useApp();
  const [profile, setProfile] = useState('report');
  const res = useApi<Residues>(`/regions/${app.region.id}/residues?profile=${profile}`);
  const kinds = res.data?.totals.map((x) => x.kind) ?? [];
  const [kind, setKind] = useState('');
  const chosen = kind && kinds.includes(kind) ? kind : (kinds[0] ?? '');
  const pyr = useApi<Pyramid>(
    chosen
      ? `/pyramid/${chosen}?region=${app.region.id}&profile=${profile}&uncertainty=true&draws=200`
      : null,
  );

  // Every stream's best tier and uplift, for the overview table.
  const [all, setAll] = useState<Pyramid[] | undefined>();
  const kindsKey = kinds.join(',');
  useEffect(() => {
    if (!kindsKey) return;
    let live = true;
    setAll(undefined);
    Promise.all(
      kindsKey
        .split(',')
        .map((k) =>
          api<Pyramid>(`/pyramid/${k}?region=${app.region.id}&profile=${profile}`).catch(() => undefined),
        ),
    ).then((list) => live && setAll(list.filter((x): x is Pyramid => x !== undefined)));
    return () => {
      live = false;
    };
  }, [kindsKey, app.region.id, profile]);

  const techs = useApi<{ technologies: Technology[] }>('/technologies');
  const sources = useApi<Sources>('/sources');
  const { name, lang } = useI18n();
  const techName = (id: string) => name(techs.data?.technologies.find((x) => x.id === id)?.name) || id;
  const productName = (id: string) => name(sources.data?.products.find((x) => x.id === id)?.name) || id;
  const p = pyr.data;
  const tiers = p ? ORDER.map((id) => p.tiers.find((x) => x.tier === id)).filter((x) => x !== undefined) : [];
  return (
    <>
      <h1>{t.pyramidTitle}</h1>
      <p className="help">{t.pyramidHelp}</p>
      <div className="controls">
        <Select
          label={t.profile}
          name="profile"
          value={profile}
          onChange={setProfile}
          options={app.profiles.map((x) => ({ value: x.id, label: name(x.title) }))}
        />
        <Select
          label={t.stream}
          name="stream"
          value={chosen}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: app.kindName(k) }))}
        />
      </div>
      {res.error && <ErrorBox error={res.error} retry={res.reload} />}
      {pyr.error && <ErrorBox error={pyr.error} retry={pyr.reload} />}
      {(res.loading || pyr.loading) && <Loading />}
      {p && (
        <section aria-labelledby="stream-h" data-testid="pyramid">
          <h2 id="stream-h">
            {app.kindName(p.kind)}: {f.num(p.tonnes)} t {p.basis === 'dm' ? t.tonnesDm.toLowerCase() : ''}
          </h2>
          {p.currentUse && (
            <p>
              <strong>{t.currentUse}</strong> ({t.tiers[p.currentUse.tier] ?? p.currentUse.tier},{' '}
              {f.nok(p.currentUse.valueNok)}): {p.currentUse.description[lang]}{' '}
              <SourceLine source={p.currentUse.source} />
            </p>
          )}
          {p.best && (
            <p>
              <strong>{t.best}:</strong> {t.tiers[p.best.tier] ?? p.best.tier} (
              {p.best.route.map(techName).join(' → ')}), {f.nok(p.best.valueNok)}
              {p.upliftNok !== undefined && (
                <>
                  {' '}
                  · {t.uplift}: <strong>{f.nok(p.upliftNok)}</strong>
                </>
              )}
            </p>
          )}
          {p.hauls && p.hauls.length > 0 && (
            <p data-testid="pyramid-hauls">
              <strong>{t.haulsTitle}:</strong>{' '}
              {p.hauls
                .map(
                  (h) =>
                    `${techName(h.technology)} ${f.num(h.km)} km, ${f.num(h.nokPerTonne)} ${t.nokPerTonne}`,
                )
                .join(' · ')}
              {p.bestAfterTransport && (
                <>
                  {' '}
                  · {t.bestAfterTransport}: <strong>{f.nok(p.bestAfterTransport.valueNok)}</strong>
                </>
              )}
            </p>
          )}
          {p.uncertainty?.best?.valueNok && (
            <details data-testid="pyramid-uncertainty">
              <summary>
                {t.uncertaintyHeading}: {t.uncertaintyValue} {f.nok(p.uncertainty.best.valueNok.p10)} –{' '}
                {f.nok(p.uncertainty.best.valueNok.p90)} (P50 {f.nok(p.uncertainty.best.valueNok.p50)})
                {p.uncertainty.best.co2eTonnes && (
                  <>
                    {' '}
                    · {t.uncertaintyCo2e} {f.num(p.uncertainty.best.co2eTonnes.p10)} –{' '}
                    {f.num(p.uncertainty.best.co2eTonnes.p90)} t
                  </>
                )}
              </summary>
              <p>
                {f.num(Math.round(p.uncertainty.best.keptShare * 100))} % {t.uncertaintyKept}
              </p>
              <h3>{t.uncertaintyTornado}</h3>
              <ol>
                {p.uncertainty.tornado.map((b) => (
                  <li key={b.key}>
                    {renderMessage(b.label, lang, { kind: (id) => app.kindName(id), technology: techName })}:{' '}
                    {f.nok(b.atLow)} – {f.nok(b.atHigh)}
                  </li>
                ))}
              </ol>
            </details>
          )}
          <ol className="pyramid" aria-label={t.pyramidTitle}>
            {tiers.map((tier, i) => {
              const open = tier.route !== null;
              const current = p.currentUse?.tier === tier.tier;
              return (
                <li
                  key={tier.tier}
                  className={`tier ${open ? 'open' : 'closed'} ${current ? 'current' : ''}`}
                  style={{ width: `${40 + (i * 60) / Math.max(1, tiers.length - 1)}%` }}
                >
                  <div className="tier-name">
                    {t.tiers[tier.tier] ?? tier.tier}
                    {current && <span className="badge">{t.currentUse}</span>}
                    {p.best?.tier === tier.tier && <span className="badge badge-best">{t.best}</span>}
                  </div>
                  {open ? (
                    <div className="tier-body">
                      <span>
                        {t.valuePerTonne}: <strong>{f.num(tier.valuePerTonneNok)} kr/t</strong> (
                        {t.grossPerTonne} {f.num(tier.grossPerTonneNok)} kr/t)
                      </span>
                      <span>
                        {t.valueTotal}: <strong>{f.nok(tier.valueNok)}</strong>
                      </span>
                      <span>
                        {tier.direction === 'down' ? t.movesDown : t.uplift}: {f.nok(tier.upliftNok)}
                        {tier.mixed && <span className="badge">{t.mixedRoute}</span>}
                        {tier.trl !== null && <span className="badge">TRL {tier.trl}</span>}
                        {tier.placeholders.length > 0 && (
                          <span className="badge badge-warning">{t.placeholderRoute}</span>
                        )}
                      </span>
                      {tier.tonnesRouted !== null && tier.tonnesRouted < p.tonnes && (
                        <span>
                          {t.tonnesRouted}: {f.num(tier.tonnesRouted)} t
                        </span>
                      )}
                      {tier.notes.map((n) => (
                        <span key={n.code} className="note">
                          {renderMessage(n, lang, { kind: (id) => app.kindName(id), technology: techName })}
                        </span>
                      ))}
                      <span className="route">
                        {t.route}: {tier.route?.map(techName).join(' → ')} →{' '}
                        {tier.products.map((x) => productName(x.product)).join(', ')}
                      </span>
                    </div>
                  ) : (
                    <div className="tier-body">
                      <span>
                        {t.closed}:{' '}
                        {tier.reason &&
                          renderMessage(tier.reason, lang, {
                            kind: (id) => app.kindName(id),
                            technology: techName,
                          })}
                      </span>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          {tiers.some((x) => x.emerging.length > 0) && (
            <>
              <h3>{t.emergingRoutes}</h3>
              <ul>
                {tiers.flatMap((x) =>
                  x.emerging.map((o) => (
                    <li key={`${x.tier}-${o.route.join('>')}`}>
                      {t.tiers[x.tier] ?? x.tier}: {o.route.map(techName).join(' → ')} (TRL {o.trl}
                      {o.placeholders.length > 0 ? `, ${t.placeholderRoute}` : ''}):{' '}
                      {f.num(o.valuePerTonneNok)} kr/t
                    </li>
                  )),
                )}
              </ul>
            </>
          )}
        </section>
      )}
      {all && all.length > 0 && (
        <section aria-labelledby="all-h">
          <h2 id="all-h">
            {t.pages.pyramid}: {t.byKind.toLowerCase()}
          </h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.stream}</th>
                  <th scope="col" className="num">
                    {t.tonnes}
                  </th>
                  <th scope="col">{t.currentUse}</th>
                  <th scope="col">{t.best}</th>
                  <th scope="col" className="num">
                    {t.valueTotal}
                  </th>
                  <th scope="col" className="num">
                    {t.uplift}
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.map((x) => (
                  <tr key={x.kind}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => setKind(x.kind)}>
                        {app.kindName(x.kind)}
                      </button>
                    </th>
                    <td className="num">{f.num(x.tonnes)}</td>
                    <td>{x.currentUse ? (t.tiers[x.currentUse.tier] ?? x.currentUse.tier) : '–'}</td>
                    <td>{x.best ? (t.tiers[x.best.tier] ?? x.best.tier) : '–'}</td>
                    <td className="num">{f.nok(x.best?.valueNok)}</td>
                    <td className="num">{f.nok(x.upliftNok)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
