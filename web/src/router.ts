/** A small client-side router: paths under / (the server answers every such path with the app). */
import { useEffect, useState } from 'react';

export type PageId =
  | 'overview'
  | 'residues'
  | 'actors'
  | 'pyramid'
  | 'scenarios'
  | 'optimiser'
  | 'catchments'
  | 'streams'
  | 'market'
  | 'account'
  | 'sources';

export const PAGES: { id: PageId; path: string }[] = [
  { id: 'overview', path: '/' },
  { id: 'residues', path: '/restraastoff' },
  { id: 'actors', path: '/aktorer' },
  { id: 'pyramid', path: '/verdipyramide' },
  { id: 'scenarios', path: '/scenarioer' },
  { id: 'optimiser', path: '/optimering' },
  { id: 'catchments', path: '/nedslagsfelt' },
  { id: 'streams', path: '/hvem-har-hva' },
  { id: 'market', path: '/marked' },
  { id: 'sources', path: '/kilder' },
  { id: 'account', path: '/konto' },
];

export function pageOf(pathname: string): PageId {
  const clean = pathname.replace(/\/+$/, '') || '/';
  return PAGES.find((p) => p.path === clean)?.id ?? 'overview';
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return path;
}
