/** The shell: skip link, header with navigation, region picker and language switch; one page at a time. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseLang } from '../../src/messages/format.ts';
import { api, type Kind, type Municipality, type Profile, type Region, useApi } from './api.ts';
import { ErrorBox, Loading } from './components/ui.tsx';
import { AppContext, type AppData } from './context.tsx';
import { formatters, I18nContext, type Lang, STRINGS } from './i18n.tsx';
import { Overview } from './pages/overview.tsx';
import { navigate, PAGES, type PageId, pageOf, usePath } from './router.ts';

const Residues = lazy(() => import('./pages/residues.tsx'));
const Actors = lazy(() => import('./pages/actors.tsx'));
const PyramidPage = lazy(() => import('./pages/pyramid.tsx'));
const Scenarios = lazy(() => import('./pages/scenarios.tsx'));
const Optimiser = lazy(() => import('./pages/optimiser.tsx'));
const CatchmentsPage = lazy(() => import('./pages/catchments.tsx'));
const StreamsPage = lazy(() => import('./pages/streams.tsx'));
const MarketPage = lazy(() => import('./pages/market.tsx'));
const AccountPage = lazy(() => import('./pages/account.tsx'));
const SourcesPage = lazy(() => import('./pages/sources.tsx'));

// A first visit opens on the whole country; the region picker (and ?region=) narrows it.
const DEFAULT_REGION = 'norge';

function initialLang(): Lang {
  return parseLang(localStorage.getItem('restverdi.lang')) ?? 'nb';
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('restverdi.lang', l);
    setLangState(l);
  }, []);
  const i18n = useMemo(
    () => ({
      lang,
      t: STRINGS[lang],
      f: formatters(lang),
      setLang,
      name: (n: { nb: string; en: string } | string | undefined) =>
        n === undefined ? '' : typeof n === 'string' ? n : n[lang],
    }),
    [lang, setLang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const path = usePath();
  const page = pageOf(path);
  const t = i18n.t;
  // The language switch offers the other language.
  const otherLang: Lang = lang === 'nb' ? 'en' : 'nb';
  useEffect(() => {
    document.title = `${t.pages[page]} · Restverdi`;
  }, [page, t]);

  const [regions, setRegions] = useState<Region[] | undefined>();
  const [regionsError, setRegionsError] = useState<Error | undefined>();
  const [regionId, setRegionId] = useState<string>(
    () =>
      new URLSearchParams(window.location.search).get('region') ??
      localStorage.getItem('restverdi.region') ??
      DEFAULT_REGION,
  );
  const loadRegions = useCallback((select?: string) => {
    api<{ regions: Region[] }>('/regions').then(
      (r) => {
        setRegions(r.regions);
        if (select) setRegionId(select);
      },
      (e: Error) => setRegionsError(e),
    );
  }, []);
  useEffect(() => loadRegions(), [loadRegions]);
  const muns = useApi<{ municipalities: Municipality[] }>('/municipalities');
  const kinds = useApi<{ kinds: Kind[] }>('/kinds');
  const profiles = useApi<{ profiles: Profile[] }>('/profiles');

  const app = useMemo<AppData | undefined>(() => {
    if (!regions || !muns.data || !kinds.data || !profiles.data) return undefined;
    const region =
      regions.find((r) => r.id === regionId) ?? regions.find((r) => r.id === DEFAULT_REGION) ?? regions[0];
    if (!region) return undefined;
    const municipalities = new Map(muns.data.municipalities.map((m) => [m.number, m]));
    const kindList = kinds.data.kinds;
    return {
      regions,
      region,
      setRegion: (id: string) => {
        localStorage.setItem('restverdi.region', id);
        setRegionId(id);
      },
      reloadRegions: loadRegions,
      municipalities,
      kinds: kindList,
      kindName: (id: string) => {
        const k = kindList.find((x) => x.id === id);
        return k ? k.name[lang] : id;
      },
      munName: (nr: string) => municipalities.get(nr)?.name ?? nr,
      profiles: profiles.data.profiles,
    };
  }, [regions, regionId, muns.data, kinds.data, profiles.data, loadRegions, lang]);

  const mainRef = useRef<HTMLElement>(null);
  // The skip link: focus the main content (a fragment alone scrolls but may leave focus behind), then
  // drop the fragment so the link works again.
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash !== '#main') return;
      mainRef.current?.focus();
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (e: React.MouseEvent<HTMLAnchorElement>, to: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
    mainRef.current?.focus();
  };

  const failed = regionsError ?? muns.error ?? kinds.error ?? profiles.error;
  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip-link" href="#main">
        {t.skip}
      </a>
      <header className="site-header">
        <div className="brand">
          <a href="/" onClick={(e) => go(e, '/')} className="brand-name">
            {t.appName}
          </a>
          <span className="tagline">{t.tagline}</span>
        </div>
        <div className="header-controls">
          {app && (
            <div className="field field-inline">
              <label htmlFor="region-picker">{t.region}</label>
              <select
                id="region-picker"
                value={app.region.id}
                onChange={(e) => app.setRegion(e.target.value)}
              >
                {app.regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button
            type="button"
            className="lang-switch"
            lang={otherLang}
            aria-label={t.switchToLabel}
            onClick={() => setLang(otherLang)}
          >
            {t.switchTo}
          </button>
        </div>
        <nav aria-label={t.nav} className="site-nav">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a
                  href={p.path}
                  aria-current={p.id === page ? 'page' : undefined}
                  onClick={(e) => go(e, p.path)}
                >
                  {t.pages[p.id as PageId]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} data-page={page}>
        {failed ? (
          <ErrorBox error={failed} />
        ) : !app ? (
          <Loading />
        ) : (
          <AppContext.Provider value={app}>
            <Suspense fallback={<Loading />}>
              {page === 'overview' && <Overview />}
              {page === 'residues' && <Residues />}
              {page === 'actors' && <Actors />}
              {page === 'pyramid' && <PyramidPage />}
              {page === 'scenarios' && <Scenarios />}
              {page === 'optimiser' && <Optimiser />}
              {page === 'catchments' && <CatchmentsPage />}
              {page === 'streams' && <StreamsPage />}
              {page === 'market' && <MarketPage />}
              {page === 'sources' && <SourcesPage />}
              {page === 'account' && <AccountPage />}
            </Suspense>
          </AppContext.Provider>
        )}
      </main>
      <footer className="site-footer">
        <p>
          Restverdi · {t.mapCredit}: Kartverket 2024 (CC BY 4.0) · <a href="/api/docs">API</a>
        </p>
      </footer>
    </I18nContext.Provider>
  );
}
