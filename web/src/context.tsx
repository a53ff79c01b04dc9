/** What every page shares: the chosen region, the region list, municipality names, kinds, profiles. */
import { createContext, useContext } from 'react';
import type { Kind, Municipality, Profile, Region } from './api.ts';

export interface AppData {
  regions: Region[];
  region: Region;
  setRegion: (id: string) => void;
  reloadRegions: (select?: string) => void;
  municipalities: Map<string, Municipality>;
  kinds: Kind[];
  kindName: (id: string) => string;
  munName: (nr: string) => string;
  profiles: Profile[];
}

export const AppContext = createContext<AppData | null>(null);

export function useApp(): AppData {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
