/**
 * The market platform (Markedsplass): the region's listings (a visitor sees named companies' public
 * listings and sums per municipality), a short form for a new listing, for the facilitator a listing
 * started from Restverdi's estimate, a listing's ranked matches with the excluded ones and why, the
 * pipeline of matches with the ledger of tonnes delivered, and the facilitator's dashboard.
 * GET /api/me, /api/market/*, /api/actors/holders and /api/actors/stream-kinds.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { renderMessage } from '../../../src/messages/catalogue.ts';
import {
  type Listing,
  type ListingSearch,
  type ListingSide,
  type Loaded,
  type MarketDashboard,
  type MarketMatch,
  type MarketMatches,
  type MarketReminders,
  type MarketSuggestions,
  type Me,
  patch,
  post,
  type Stage,
  type StreamAnswer,
  type StreamKinds,
  useApi,
  type Visibility,
} from '../api.ts';
import { ErrorBox, Field, Figure, Loading, Select } from '../components/ui.tsx';
import { useApp } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { navigate } from '../router.ts';

const SIDES: ListingSide[] = ['offer', 'partial', 'wanted'];
const VISIBILITIES: Visibility[] = ['organisation', 'facilitators', 'region', 'public'];
const TIERS = ['energi', 'gjodsel', 'for', 'pharma', 'mat', 'produkt'];
/** A ledger record may be written once a match is being tried or delivered (domain/market.ts). */
const LEDGER_STAGES: Stage[] = ['trial', 'contract', 'realised'];
/** How many holders "Start fra anslag" lists (the largest first). */
const HOLDERS_SHOWN = 25;
/**
 * How many ranked (and excluded) candidates a listing shows before "show all": the best come first,
 * and the API sends only these (`?limit=`) until all are asked for.
 */
const MATCHES_SHOWN = 20;

/** A number as a person types it: a decimal comma, spaces between thousands. */
function parseAmount(s: string): number {
  const clean = s.replace(/[\s\u00a0\u202f]/gu, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
}

const today = () => new Date().toISOString().slice(0, 10);

export default function Market() {
  const { t, f, name, lang } = useI18n();
  const m = t.market;
  const app = useApp();
  const region = app.region.id;
  const me = useApi<Me>('/me');
  const user = me.data?.user ?? null;
  const orgs = me.data?.organisations ?? [];
  const facilitator =
    user !== null &&
    (me.data?.roles ?? []).some(
      (r) => r.role === 'admin' || (r.role === 'facilitator' && r.region === region),
    );
  const catalogue = useApi<StreamKinds>('/actors/stream-kinds');
  const kinds = catalogue.data?.kinds ?? [];
  const kindName = (id: string) => name(kinds.find((k) => k.id === id)?.name) || app.kindName(id);
  const tierName = (id: string | null) => (id ? (t.tiers[id] ?? id) : m.noTier);

  // (1) The listings, filtered by kind and side.
  const [kind, setKind] = useState('');
  const [side, setSide] = useState<'' | ListingSide>('');
  const query = new URLSearchParams({ region });
  if (kind) query.set('kind', kind);
  if (side) query.set('side', side);
  const listings = useApi<ListingSearch>(me.data ? `/market/listings?${query.toString()}` : null);

  // (3) One listing's matches.
  const [selected, setSelected] = useState<string | null>(null);
  // The listing whose matches are all shown: each listing opens on its best matches.
  const [allFor, setAllFor] = useState<string | null>(null);
  const allMatches = selected !== null && allFor === selected;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new region starts with no listing open.
  useEffect(() => setSelected(null), [region]);
  const shown = <T,>(list: T[]) => (allMatches ? list : list.slice(0, MATCHES_SHOWN));
  const found = useApi<MarketMatches>(
    user && selected
      ? `/market/listings/${selected}/matches${allMatches ? '' : `?limit=${MATCHES_SHOWN}`}`
      : null,
  );

  // (4) The pipeline, (5) the facilitator's dashboard and reminders.
  const matches = useApi<MarketMatch[]>(user ? `/market/matches?region=${region}` : null);
  const dashboard = useApi<MarketDashboard>(facilitator ? `/market/dashboard?region=${region}` : null);
  const reminders = useApi<MarketReminders>(facilitator ? `/market/reminders?region=${region}` : null);
  const suggestions = useApi<MarketSuggestions>(facilitator ? `/market/suggestions?region=${region}` : null);

  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    listings.reload();
    found.reload();
    matches.reload();
    dashboard.reload();
    reminders.reload();
    suggestions.reload();
  };
  /** Runs an action, says it is done (a text, or one made from the answer) and reloads. */
  const run = async <T,>(fn: () => Promise<T>, done?: string | ((answer: T) => string)) => {
    setFailure(null);
    setNotice(null);
    setBusy(true);
    try {
      const answer = await fn();
      if (done) setNotice(typeof done === 'string' ? done : done(answer));
      refresh();
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };

  // A match proposed from a listing's ranked candidates or from the facilitator's suggestions.
  const propose = (listing: string, c: { type: MarketMatch['target']['type']; id: string }) =>
    run(() => post('/market/matches', { listing, target: { type: c.type, id: c.id } }), m.proposedNotice);
  const listingTitle = (id: string) =>
    listings.data?.items.find((l) => l.id === id)?.title ??
    suggestions.data?.suggested.find((x) => x.listing.id === id)?.listing.title ??
    id;

  const signInLink = (
    <a
      href="/konto"
      onClick={(e) => {
        e.preventDefault();
        navigate('/konto');
      }}
    >
      {m.signInLink}
    </a>
  );
  const quantity = (q: Listing['quantity']) =>
    q.unit === 't' && q.per === 'year'
      ? f.tonnes(q.amount)
      : `${f.num(q.amount, 1)} ${q.unit === 'm3' ? 'm³' : 't'} ${q.basis === 'dm' ? t.tonnesDmUnit : ''}`.trim();
  const data = listings.data;
  // Who may change a listing (and propose its matches): its holder's members, its creator, the
  // region's facilitator (domain/market.ts mayEditListing); the API refuses the rest.
  const mayEdit = (l: Listing) =>
    user !== null &&
    (facilitator ||
      l.createdBy === user.id ||
      orgs.some(
        (o) => o.id === l.holder.organisationId || (l.holder.orgnr !== null && o.orgnr === l.holder.orgnr),
      ));
  const editable = found.data !== undefined && mayEdit(found.data.listing);
  const mayCreate = user !== null && (orgs.length > 0 || facilitator);

  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.help}</p>
      {(me.error || catalogue.error) && <ErrorBox error={(me.error ?? catalogue.error) as Error} />}
      {me.data && !user && (
        <p className="notice" data-testid="market-sign-in">
          {m.signInNote} {signInLink}
        </p>
      )}
      {failure && <ErrorBox error={failure} />}
      {notice && (
        <p className="notice" role="status" data-testid="market-notice">
          {notice}
        </p>
      )}

      <section aria-labelledby="market-listings">
        <h2 id="market-listings">{m.listings}</h2>
        <div className="controls">
          <Select
            label={t.stream}
            name="market-kind"
            value={kind}
            onChange={setKind}
            options={[
              { value: '', label: t.all },
              ...kinds.map((k) => ({ value: k.id, label: name(k.name) })),
            ]}
          />
          <Select<'' | ListingSide>
            label={m.side}
            name="market-side"
            value={side}
            onChange={setSide}
            options={[{ value: '', label: t.all }, ...SIDES.map((s) => ({ value: s, label: m.sides[s] }))]}
          />
        </div>
        {listings.loading && !data && <Loading />}
        {listings.error && <ErrorBox error={listings.error} retry={listings.reload} />}
        {data && user && (
          <TableWrap>
            <table data-testid="market-listings">
              <caption>{m.listingsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.listing}</th>
                  <th scope="col">{m.side}</th>
                  <th scope="col">{t.stream}</th>
                  <th scope="col">{t.municipality}</th>
                  <th scope="col">{m.quantity}</th>
                  <th scope="col">{m.visibility}</th>
                  <th scope="col">
                    <span className="visually-hidden">{m.showMatches}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={7}>{m.noListings}</td>
                  </tr>
                )}
                {data.items.map((l) => (
                  <tr key={l.id} data-listing={l.id} className={l.id === selected ? 'current' : undefined}>
                    <th scope="row">
                      {l.title}{' '}
                      {l.estimated && (
                        <span className="tag" data-testid="estimated">
                          {m.estimated}
                        </span>
                      )}
                    </th>
                    <td>{m.sides[l.side]}</td>
                    <td>{kindName(l.kind)}</td>
                    <td>{app.munName(l.location.municipality)}</td>
                    <td className="num">{quantity(l.quantity)}</td>
                    <td>{m.visibilities[l.visibility]}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={`${m.showMatches}: ${l.title}`}
                        onClick={() => setSelected(l.id)}
                      >
                        {m.showMatches}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {data && (!user || data.public.length > 0) && (
          <TableWrap>
            <table data-testid="market-public">
              <caption>{m.publicListings}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.holder}</th>
                  <th scope="col">{m.side}</th>
                  <th scope="col">{t.stream}</th>
                  <th scope="col">{t.municipality}</th>
                  <th scope="col">{m.quantity}</th>
                </tr>
              </thead>
              <tbody>
                {data.public.length === 0 && (
                  <tr>
                    <td colSpan={5}>{m.noPublicListings}</td>
                  </tr>
                )}
                {data.public.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">
                      {l.holder.name ?? l.holder.orgnr}{' '}
                      {l.estimated && <span className="tag">{m.estimated}</span>}
                    </th>
                    <td>{m.sides[l.side]}</td>
                    <td>{kindName(l.kind)}</td>
                    <td>{app.munName(l.municipality)}</td>
                    <td className="num">{quantity(l.quantity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {data && (!user || data.aggregates.length > 0) && (
          <>
            <TableWrap>
              <table data-testid="market-aggregates">
                <caption>{m.aggregates}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.municipality}</th>
                    <th scope="col">{t.stream}</th>
                    <th scope="col">{m.side}</th>
                    <th scope="col">{m.listingsCount}</th>
                    <th scope="col">{t.tonnesPerYear}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.aggregates.length === 0 && (
                    <tr>
                      <td colSpan={5}>{m.noListings}</td>
                    </tr>
                  )}
                  {data.aggregates.map((a) => (
                    <tr key={`${a.municipality}-${a.kind}-${a.side}`}>
                      <th scope="row">{app.munName(a.municipality)}</th>
                      <td>{kindName(a.kind)}</td>
                      <td>{m.sides[a.side]}</td>
                      <td className="num">{f.num(a.listings)}</td>
                      <td className="num">{f.tonnes(a.tonnesPerYear)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p className="note">{m.aggregatesHelp}</p>
          </>
        )}
      </section>

      {user && (
        <section aria-labelledby="market-new">
          <h2 id="market-new">{m.newListing}</h2>
          {mayCreate ? (
            <NewListing
              kinds={kinds.map((k) => ({ value: k.id, label: name(k.name) }))}
              orgs={orgs}
              busy={busy}
              onCreate={(body) =>
                run(async () => {
                  const l = await post<Listing>('/market/listings', body);
                  setSelected(l.id);
                }, m.posted)
              }
            />
          ) : (
            <p>{m.noOrganisation}</p>
          )}
        </section>
      )}

      {facilitator && (
        <FromEstimate
          kinds={kinds.map((k) => ({ value: k.id, label: name(k.name) }))}
          busy={busy}
          onStart={(orgnr, k) =>
            run(async () => {
              const l = await post<Listing>('/market/listings/from-estimate', { region, orgnr, kind: k });
              setSelected(l.id);
            }, m.startedFromEstimate)
          }
          onStartAll={(k) =>
            run(
              () =>
                post<{ created: Listing[]; skipped: { listed: number } }>('/market/listings/from-estimates', {
                  region,
                  kind: k,
                  limit: HOLDERS_SHOWN,
                }),
              (made) =>
                m.startedMany
                  .replace('{made}', f.num(made.created.length))
                  .replace('{listed}', f.num(made.skipped.listed)),
            )
          }
        />
      )}

      {user && selected && (
        <section aria-labelledby="market-matches" data-testid="market-matches">
          {found.loading && !found.data && <Loading />}
          {found.error && <ErrorBox error={found.error} retry={found.reload} />}
          {found.data && found.data.listing.id === selected && (
            <>
              <h2 id="market-matches">
                {m.matchesFor} «{found.data.listing.title}»
              </h2>
              <ListingActions
                listing={found.data.listing}
                editable={editable}
                tonnesPerYear={found.data.tonnesPerYear}
                busy={busy}
                onPatch={(body) => run(() => patch(`/market/listings/${selected}`, body), m.saved)}
              />
              {found.data.ranked.length === 0 ? (
                <p>{m.noMatches}</p>
              ) : (
                <TableWrap>
                  <table data-testid="market-ranked">
                    <caption>{m.rankedCaption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m.counterpart}</th>
                        <th scope="col">{t.municipality}</th>
                        <th scope="col">{t.tier}</th>
                        <th scope="col">{t.distanceKm}</th>
                        <th scope="col">{m.netPerTonne}</th>
                        <th scope="col">{m.transportPerTonne}</th>
                        <th scope="col">{m.co2ePerTonne}</th>
                        <th scope="col">{m.quantityFit}</th>
                        <th scope="col">{t.tonnesPerYear}</th>
                        <th scope="col">{m.notes}</th>
                        <th scope="col">
                          <span className="visually-hidden">{m.propose}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {found.data.ranked.map((c) => (
                        <tr key={`${c.type}-${c.id}`} data-target={c.id}>
                          <th scope="row">
                            {c.name ?? c.id} <span className="tag">{m.targets[c.type]}</span>
                          </th>
                          <td>{c.municipality ? app.munName(c.municipality) : '–'}</td>
                          <td>{tierName(c.tier)}</td>
                          <td className="num">{f.num(c.km, 1)}</td>
                          <td className="num">{f.num(c.netPerTonneNok)}</td>
                          <td className="num">{f.num(c.transportNokPerTonne)}</td>
                          <td className="num">{f.num(c.co2ePerTonne, 3)}</td>
                          <td className="num">{c.quantityFit === null ? '–' : f.pct(c.quantityFit)}</td>
                          <td className="num">{f.tonnes(c.tonnesPerYear)}</td>
                          <td>
                            {c.notes
                              .map((n) => renderMessage(n, lang, { kind: (id) => kindName(id) }))
                              .join(' ')}
                          </td>
                          <td>
                            {c.proposed ? (
                              <span className="tag">{m.proposed}</span>
                            ) : !editable ? null : (
                              <button
                                type="button"
                                disabled={busy}
                                aria-label={`${m.propose}: ${c.name ?? c.id}`}
                                onClick={() => propose(selected, c)}
                              >
                                {m.propose}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              {found.data.ranked.length < found.data.total && (
                <p className="note" data-testid="market-ranked-shown">
                  {m.rankedShown
                    .replace('{shown}', f.num(found.data.ranked.length))
                    .replace('{total}', f.num(found.data.total))}
                </p>
              )}
              {!allMatches && Math.max(found.data.total, found.data.excluded.length) > MATCHES_SHOWN && (
                <button type="button" disabled={found.loading} onClick={() => setAllFor(selected)}>
                  {m.showAllMatches} ({f.num(found.data.total + found.data.excluded.length)})
                </button>
              )}
              {found.data.grouped > 0 && (
                <p className="note">{t.farmsAndSoleProprietors(found.data.grouped)}</p>
              )}
              {found.data.excluded.length > 0 && (
                <TableWrap>
                  <table data-testid="market-excluded">
                    <caption>{m.excluded}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{m.counterpart}</th>
                        <th scope="col">{t.tier}</th>
                        <th scope="col">{m.reason}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown(found.data.excluded).map((c) => (
                        <tr key={`${c.type}-${c.id}`} data-target={c.id}>
                          <th scope="row">
                            {c.name ?? c.id} <span className="tag">{m.targets[c.type]}</span>
                          </th>
                          <td>{tierName(c.tier)}</td>
                          <td>{renderMessage(c.reason, lang, { kind: (id) => kindName(id) })}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </>
          )}
        </section>
      )}

      {user && (
        <section aria-labelledby="market-pipeline" data-testid="market-pipeline">
          <h2 id="market-pipeline">{m.pipeline}</h2>
          <p className="help">{m.pipelineHelp}</p>
          {matches.loading && !matches.data && <Loading />}
          {matches.error && <ErrorBox error={matches.error} retry={matches.reload} />}
          {matches.data && matches.data.length === 0 && <p>{m.noPipeline}</p>}
          {matches.data && matches.data.length > 0 && (
            <ul className="cards">
              {matches.data.map((x) => (
                <MatchCard
                  key={x.id}
                  match={x}
                  kindName={kindName}
                  tierName={tierName}
                  busy={busy}
                  onStage={(stage, reason) =>
                    run(() =>
                      post(`/market/matches/${x.id}/stages`, { stage, ...(reason ? { reason } : {}) }),
                    )
                  }
                  onRecord={(tonnes, date) =>
                    run(
                      () => post(`/market/matches/${x.id}/ledger`, { date, tonnes, method: 'computed' }),
                      m.recorded,
                    )
                  }
                />
              ))}
            </ul>
          )}
        </section>
      )}

      {facilitator && (
        <section aria-labelledby="market-facilitator" data-testid="market-dashboard">
          <h2 id="market-facilitator">{m.facilitator}</h2>
          <Suggestions
            loaded={suggestions}
            busy={busy}
            kindName={kindName}
            tierName={tierName}
            listingTitle={listingTitle}
            onPropose={propose}
          />
          <h3>{m.dashboard}</h3>
          <p className="help">{m.dashboardHelp}</p>
          {dashboard.error && <ErrorBox error={dashboard.error} retry={dashboard.reload} />}
          {dashboard.data && (
            <>
              <dl className="figures" data-testid="market-totals">
                <Figure
                  label={m.identifiedTonnes}
                  value={f.tonnes(dashboard.data.total?.identified.tonnes ?? 0)}
                />
                <Figure label={m.identifiedNok} value={f.nok(dashboard.data.total?.identified.nok ?? 0)} />
                <Figure
                  label={m.realisedTonnes}
                  value={f.tonnes(dashboard.data.total?.realised.tonnes ?? 0)}
                />
                <Figure label={m.realisedNok} value={f.nok(dashboard.data.total?.realised.nok ?? 0)} />
                <Figure
                  label={m.realisedCo2e}
                  value={f.num(dashboard.data.total?.realised.co2eTonnes ?? 0, 1)}
                />
              </dl>
              <DashboardTable
                caption={m.byKind}
                head={t.stream}
                rows={dashboard.data.byKind}
                label={kindName}
              />
              <DashboardTable
                caption={m.byMunicipality}
                head={t.municipality}
                rows={dashboard.data.byMunicipality}
                label={app.munName}
              />
              <DashboardTable
                caption={m.byTier}
                head={t.tier}
                rows={dashboard.data.byTier}
                label={(k) => tierName(k === 'none' ? null : k)}
              />
            </>
          )}
          <h3>{m.reminders}</h3>
          <p className="help">{m.remindersHelp}</p>
          {reminders.error && <ErrorBox error={reminders.error} retry={reminders.reload} />}
          {reminders.data &&
            (reminders.data.due.length === 0 ? (
              <p>{m.noReminders}</p>
            ) : (
              <ul data-testid="market-reminders">
                {reminders.data.due.map((r) => (
                  <li key={r.id}>
                    {kindName(r.kind)} → {r.target.name ?? r.target.id}: {m.stages[r.stage]},{' '}
                    {f.num(r.idleDays)} {m.idleDays}
                  </li>
                ))}
              </ul>
            ))}
          <p className="downloads">
            {t.download}: <a href={`/api/market/ledger?region=${region}&format=csv`}>{m.ledgerCsv}</a>
          </p>
        </section>
      )}
    </>
  );
}

type Option = { value: string; label: string };

/**
 * A table's box, scrolling sideways on a narrow screen: focusable so that a keyboard can scroll it
 * (axe's scrollable-region-focusable), named by the table's caption.
 */
function TableWrap({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <div className="table-wrap" tabIndex={0}>
      {children}
    </div>
  );
}

interface NewListingBody {
  side: ListingSide;
  kind: string;
  region: string;
  quantity: { amount: number; unit: 't'; basis: 'wet'; per: 'year' };
  location: { municipality: string };
  visibility: Visibility;
  use?: { tier: string };
  holder?: { organisationId: string };
}

/** Five fields: side, kind, tonnes a year, municipality, who sees it (and the use, for a wanted stream). */
function NewListing({
  kinds,
  orgs,
  busy,
  onCreate,
}: {
  kinds: Option[];
  orgs: Me['organisations'];
  busy: boolean;
  onCreate: (body: NewListingBody) => void;
}) {
  const { t } = useI18n();
  const m = t.market;
  const app = useApp();
  const [side, setSide] = useState<ListingSide>('offer');
  const [kind, setKind] = useState('');
  const [amount, setAmount] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('facilitators');
  const [tier, setTier] = useState('');
  const [org, setOrg] = useState('');
  const [invalid, setInvalid] = useState(false);
  const muns = app.region.municipalities;
  const chosenKind = kind || (kinds[0]?.value ?? '');
  const chosenMun = municipality && muns.includes(municipality) ? municipality : (muns[0] ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const tonnes = parseAmount(amount);
    setInvalid(!(tonnes > 0));
    if (!(tonnes > 0)) return;
    const organisationId = org || orgs[0]?.id;
    onCreate({
      side,
      kind: chosenKind,
      region: app.region.id,
      quantity: { amount: tonnes, unit: 't', basis: 'wet', per: 'year' },
      location: { municipality: chosenMun },
      visibility,
      ...(side === 'wanted' && tier ? { use: { tier } } : {}),
      ...(orgs.length > 0 && organisationId ? { holder: { organisationId } } : {}),
    });
  };
  return (
    <form className="controls" onSubmit={submit} data-testid="market-new">
      <p className="help">{m.newListingHelp}</p>
      <Select<ListingSide>
        label={m.side}
        name="new-side"
        value={side}
        onChange={setSide}
        options={SIDES.map((s) => ({ value: s, label: m.sides[s] }))}
      />
      <Select label={t.stream} name="new-kind" value={chosenKind} onChange={setKind} options={kinds} />
      <Field label={m.amount}>
        {(id) => (
          <input
            id={id}
            name="new-amount"
            inputMode="decimal"
            size={8}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={invalid || undefined}
            required
          />
        )}
      </Field>
      <Select
        label={t.municipality}
        name="new-municipality"
        value={chosenMun}
        onChange={setMunicipality}
        options={muns.map((nr) => ({ value: nr, label: app.munName(nr) }))}
      />
      <Select<Visibility>
        label={m.visibility}
        name="new-visibility"
        value={visibility}
        onChange={setVisibility}
        options={VISIBILITIES.map((v) => ({ value: v, label: m.visibilities[v] }))}
      />
      {side === 'wanted' && (
        <Select
          label={m.useTier}
          name="new-tier"
          value={tier}
          onChange={setTier}
          options={[
            { value: '', label: m.anyTier },
            ...TIERS.map((x) => ({ value: x, label: t.tiers[x] ?? x })),
          ]}
        />
      )}
      {orgs.length > 1 && (
        <Select
          label={m.forOrganisation}
          name="new-org"
          value={org || (orgs[0]?.id ?? '')}
          onChange={setOrg}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        />
      )}
      <button type="submit" className="primary" disabled={busy}>
        {m.post}
      </button>
      {invalid && (
        <p className="error" role="alert">
          {m.amountInvalid}
        </p>
      )}
    </form>
  );
}

/** For the region's facilitator: pick a kind, see its holders, start a listing from one's estimate. */
function FromEstimate({
  kinds,
  busy,
  onStart,
  onStartAll,
}: {
  kinds: Option[];
  busy: boolean;
  onStart: (orgnr: string, kind: string) => void;
  /** Listings for the largest holders of the kind that have none yet (all or none). */
  onStartAll: (kind: string) => void;
}) {
  const { t, f } = useI18n();
  const m = t.market;
  const app = useApp();
  const [kind, setKind] = useState('');
  const chosen = kind || (kinds[0]?.value ?? '');
  const holders = useApi<StreamAnswer>(
    chosen ? `/actors/holders?kind=${chosen}&region=${app.region.id}` : null,
  );
  const rows = (holders.data?.rows ?? []).filter((r) => r.orgnr && !r.group && r.stream.quantity);
  return (
    <section aria-labelledby="market-estimate" data-testid="market-estimate">
      <h2 id="market-estimate">{m.fromEstimate}</h2>
      <p className="help">{m.fromEstimateHelp}</p>
      <div className="controls">
        <Select label={t.stream} name="estimate-kind" value={chosen} onChange={setKind} options={kinds} />
        <button
          type="button"
          disabled={busy || !chosen || rows.length === 0}
          data-testid="market-start-all"
          onClick={() => onStartAll(chosen)}
        >
          {m.startAll.replace('{count}', f.num(HOLDERS_SHOWN))}
        </button>
      </div>
      {holders.loading && !holders.data && <Loading />}
      {holders.error && <ErrorBox error={holders.error} retry={holders.reload} />}
      {holders.data &&
        (rows.length === 0 ? (
          <p>{m.noHolders}</p>
        ) : (
          <TableWrap>
            <table data-testid="market-holders">
              <caption>
                {m.holders}
                {rows.length > HOLDERS_SHOWN ? ` (${m.holdersShown}: ${f.num(HOLDERS_SHOWN)})` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{m.holder}</th>
                  <th scope="col">{t.orgnr}</th>
                  <th scope="col">{t.municipality}</th>
                  <th scope="col">{t.tonnesPerYear} (P10–P90)</th>
                  <th scope="col">
                    <span className="visually-hidden">{m.startListing}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, HOLDERS_SHOWN).map((r) => (
                  <tr key={r.orgnr} data-orgnr={r.orgnr}>
                    <th scope="row">{r.name ?? r.orgnr}</th>
                    <td>{r.orgnr}</td>
                    <td>{app.munName(r.municipality)}</td>
                    <td className="num">
                      {r.stream.quantity
                        ? `${f.tonnes(r.stream.quantity.tonnes)} (${f.tonnes(r.stream.quantity.low)}–${f.tonnes(r.stream.quantity.high)})`
                        : '–'}
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${m.startListing}: ${r.name ?? r.orgnr}`}
                        onClick={() => r.orgnr && onStart(r.orgnr, chosen)}
                      >
                        {m.startListing}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
    </section>
  );
}

/** The open listing: its figures (an estimate's range), and for those who may: confirm, widen, close. */
function ListingActions({
  listing,
  editable,
  tonnesPerYear,
  busy,
  onPatch,
}: {
  listing: Listing;
  editable: boolean;
  tonnesPerYear: number | null;
  busy: boolean;
  onPatch: (body: { confirmed?: true; state?: 'closed'; visibility?: Visibility }) => void;
}) {
  const { t, f } = useI18n();
  const m = t.market;
  const app = useApp();
  const q = listing.quantity;
  return (
    <div data-testid="market-listing">
      <p>
        {m.sides[listing.side]} · {app.munName(listing.location.municipality)} · {f.tonnes(tonnesPerYear)}{' '}
        {t.tonnesPerYear}
        {q.low !== null && q.high !== null ? ` (${f.tonnes(q.low)}–${f.tonnes(q.high)})` : ''}{' '}
        <span className="tag">{listing.estimated ? m.estimated : m.confirmedTag}</span>
      </p>
      {editable && (
        <div className="controls">
          <Select<Visibility>
            label={m.changeVisibility}
            name="listing-visibility"
            value={listing.visibility}
            onChange={(v) => onPatch({ visibility: v })}
            options={VISIBILITIES.map((v) => ({ value: v, label: m.visibilities[v] }))}
          />
          {listing.estimated && (
            <button type="button" disabled={busy} onClick={() => onPatch({ confirmed: true })}>
              {m.confirm}
            </button>
          )}
          {listing.state === 'open' && (
            <button type="button" disabled={busy} onClick={() => onPatch({ state: 'closed' })}>
              {m.closeListing}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** One match: where it stands, the stages it may move to, and the ledger once it is being delivered. */
function MatchCard({
  match: x,
  kindName,
  tierName,
  busy,
  onStage,
  onRecord,
}: {
  match: MarketMatch;
  kindName: (id: string) => string;
  tierName: (id: string | null) => string;
  busy: boolean;
  onStage: (stage: Stage, reason: string) => void;
  onRecord: (tonnes: number, date: string) => void;
}) {
  const { t, f } = useI18n();
  const m = t.market;
  const app = useApp();
  const [reason, setReason] = useState('');
  const [tonnes, setTonnes] = useState('');
  const [date, setDate] = useState(today);
  const needsReason = x.allowedNext.some((s) => s === 'rejected' || s === 'stalled');
  const ledger = LEDGER_STAGES.includes(x.stage);
  const amount = parseAmount(tonnes);
  return (
    <li className="card" data-match={x.id} data-stage={x.stage}>
      <h3>
        {kindName(x.kind)} → {x.target.name ?? x.target.id}
      </h3>
      <p>
        {app.munName(x.municipality)} · {tierName(x.tier)} · {m.stage}:{' '}
        <strong data-testid="match-stage">{m.stages[x.stage]}</strong>
      </p>
      <p>
        {m.identifiedPerYear}: {f.tonnes(x.identified.tonnesPerYear)} t · {f.nok(x.identified.nokPerYear)}
      </p>
      <p data-testid="match-realised">
        {m.realised}: {f.tonnes(x.realised.tonnes)} t · {f.nok(x.realised.nok)} ·{' '}
        {f.num(x.realised.co2eTonnes, 1)} t CO₂e ({f.num(x.realised.records)} {m.records})
      </p>
      {x.allowedNext.length > 0 && (
        <>
          {needsReason && (
            <Field label={m.reasonLabel}>
              {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
          )}
          <fieldset>
            <legend>{m.moveTo}</legend>
            <div className="controls">
              {x.allowedNext.map((s) => (
                <button
                  key={s}
                  type="button"
                  disabled={busy || ((s === 'rejected' || s === 'stalled') && !reason.trim())}
                  onClick={() => onStage(s, reason.trim())}
                >
                  {m.stages[s]}
                </button>
              ))}
            </div>
          </fieldset>
        </>
      )}
      {ledger && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (amount > 0) {
              onRecord(amount, date);
              setTonnes('');
            }
          }}
        >
          <fieldset>
            <legend>{m.ledger}</legend>
            <div className="controls">
              <Field label={m.ledgerTonnes}>
                {(id) => (
                  <input
                    id={id}
                    inputMode="decimal"
                    size={6}
                    value={tonnes}
                    onChange={(e) => setTonnes(e.target.value)}
                    required
                  />
                )}
              </Field>
              <Field label={m.ledgerDate}>
                {(id) => (
                  <input
                    id={id}
                    type="date"
                    value={date}
                    onChange={(e) => setDate(e.target.value)}
                    required
                  />
                )}
              </Field>
              <button type="submit" disabled={busy || !(amount > 0)}>
                {m.record}
              </button>
            </div>
            <p>{m.ledgerComputed}</p>
          </fieldset>
        </form>
      )}
    </li>
  );
}

/**
 * For the facilitator: per open listing its best candidates no one has proposed yet, to propose with
 * one click, and the proposed matches a party has not opened (GET /market/suggestions).
 */
function Suggestions({
  loaded,
  busy,
  kindName,
  tierName,
  listingTitle,
  onPropose,
}: {
  loaded: Loaded<MarketSuggestions>;
  busy: boolean;
  kindName: (id: string) => string;
  tierName: (id: string | null) => string;
  listingTitle: (id: string) => string;
  onPropose: (listing: string, c: { type: MarketMatch['target']['type']; id: string }) => void;
}) {
  const { t, f } = useI18n();
  const m = t.market;
  const app = useApp();
  const data = loaded.data;
  return (
    <div data-testid="market-suggestions">
      <h3>{m.suggestions}</h3>
      <p className="help">{m.suggestionsHelp}</p>
      {loaded.loading && !data && <Loading />}
      {loaded.error && <ErrorBox error={loaded.error} retry={loaded.reload} />}
      {data && data.suggested.length === 0 && <p>{m.noSuggestions}</p>}
      {data?.suggested.map(({ listing, candidates }) => (
        <TableWrap key={listing.id}>
          <table data-listing={listing.id}>
            <caption>
              {m.suggestionsFor} «{listing.title}» ({m.sides[listing.side]}, {kindName(listing.kind)})
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.counterpart}</th>
                <th scope="col">{t.municipality}</th>
                <th scope="col">{t.tier}</th>
                <th scope="col">{t.distanceKm}</th>
                <th scope="col">{m.netPerTonne}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.propose}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={`${c.type}-${c.id}`} data-target={c.id}>
                  <th scope="row">
                    {c.name ?? c.id} <span className="tag">{m.targets[c.type]}</span>
                  </th>
                  <td>{c.municipality ? app.munName(c.municipality) : '–'}</td>
                  <td>{tierName(c.tier)}</td>
                  <td className="num">{f.num(c.km, 1)}</td>
                  <td className="num">{f.num(c.netPerTonneNok)}</td>
                  <td>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`${m.propose}: ${c.name ?? c.id} (${listing.title})`}
                      onClick={() => onPropose(listing.id, c)}
                    >
                      {m.propose}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
      <h4>{m.unseen}</h4>
      <p className="help">{m.unseenHelp}</p>
      {data &&
        (data.unseen.length === 0 ? (
          <p>{m.noUnseen}</p>
        ) : (
          <ul data-testid="market-unseen">
            {data.unseen.map((u) => (
              <li
                key={u.id}
                data-match={u.id}
                data-seen-holder={String(u.seenByHolder)}
                data-seen-target={String(u.seenByTarget)}
              >
                {listingTitle(u.listingId)} → {u.target.name ?? u.target.id} ({m.stages[u.stage]}):{' '}
                {m.notOpenedBy}{' '}
                {[!u.seenByHolder && m.parties.holder, !u.seenByTarget && m.parties.target]
                  .filter(Boolean)
                  .join(` ${m.and} `)}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

/** Identified against realised, one row per kind, municipality or tier. */
function DashboardTable({
  caption,
  head,
  rows,
  label,
}: {
  caption: string;
  head: string;
  rows: MarketDashboard['byKind'];
  label: (key: string) => string;
}) {
  const { t, f } = useI18n();
  const m = t.market;
  if (rows.length === 0) return null;
  return (
    <TableWrap>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{m.matchesCount}</th>
            <th scope="col">{m.identifiedTonnes}</th>
            <th scope="col">{m.identifiedNok}</th>
            <th scope="col">{m.realisedTonnes}</th>
            <th scope="col">{m.realisedNok}</th>
            <th scope="col">{m.realisedCo2e}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{label(r.key)}</th>
              <td className="num">{f.num(r.matches)}</td>
              <td className="num">{f.tonnes(r.identified.tonnes)}</td>
              <td className="num">{f.nok(r.identified.nok)}</td>
              <td className="num">{f.tonnes(r.realised.tonnes)}</td>
              <td className="num">{f.nok(r.realised.nok)}</td>
              <td className="num">{f.num(r.realised.co2eTonnes, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
