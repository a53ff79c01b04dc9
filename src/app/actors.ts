/**
 * The actor directory: which organisations and establishments of the register a request means
 * (region, municipality, sector, form, name, the counting rule), listed with paging, summarised by
 * form, sector and municipality, or one by its organisation number.
 */
import { type ActorStreamCatalogue, namedPublicly } from '../domain/actor-streams.ts';
import { type ActorStatusFilter, actorStatusFilter, type CountUnits } from '../domain/actors.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import { findRegion } from '../domain/regions.ts';
import {
  type ActorList,
  type ActorListItem,
  type ActorQuery,
  type ActorSummary,
  findActor,
  listActors,
  summariseActors,
} from '../store/actors-repository.ts';
import type { Workspace } from './workspace.ts';

export interface ActorFilters {
  region?: string | undefined;
  municipality?: string | undefined;
  sector?: string | undefined;
  form?: string | undefined;
  /** Part of the name, or an organisation number. */
  q?: string | undefined;
  units?: CountUnits | undefined;
  includeInactive?: boolean | undefined;
  includeNonVat?: boolean | undefined;
  /** The whole status filter, when a shell offers every switch (the CLI); else from the two above. */
  status?: ActorStatusFilter | undefined;
}

/** The store's query for the filters; an unknown region, sector or a municipality outside the region is refused. */
export function actorQuery(ws: Pick<Workspace, 'files'>, data: ReferenceData, f: ActorFilters): ActorQuery {
  let municipalities: string[] | undefined;
  if (f.region) municipalities = findRegion(data.regions, f.region).municipalities;
  if (f.municipality) {
    const nr = f.municipality.padStart(4, '0');
    if (municipalities && !municipalities.includes(nr)) {
      throw new AppError(
        'unknown_municipality',
        `municipality ${nr} is not in region ${f.region} (${municipalities.join(', ')})`,
        {
          detail: message('municipality_not_in_region', {
            municipality: nr,
            region: f.region ?? '',
            known: municipalities,
          }),
        },
      );
    }
    municipalities = [nr];
  }
  if (f.sector) {
    const sectors = ws.files.sectors().sectors.map((s) => s.id);
    if (!sectors.includes(f.sector))
      throw new AppError('invalid_input', `invalid sector: ${f.sector} (use ${sectors.join(', ')})`, {
        detail: message('invalid_choice', { name: 'sector', input: f.sector, allowed: sectors }),
      });
  }
  const status: ActorStatusFilter =
    f.status ??
    actorStatusFilter({
      includeInactive: f.includeInactive === true,
      includeNonVat: f.includeNonVat === true,
    });
  return {
    ...(municipalities ? { municipalities } : {}),
    ...(f.sector ? { sector: f.sector } : {}),
    ...(f.form ? { form: f.form } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.units ? { units: f.units } : {}),
    status,
  };
}

/**
 * An actor as a list shows it: a sole proprietorship (or an establishment of one) carries a personal
 * name and often a home address, so a list shows its form, NACE codes and municipality but not its
 * name, number or address. One actor at a time (`actorByOrgnr`) shows everything the register does.
 */
export type PublicActorListItem = Omit<
  ActorListItem,
  'orgnr' | 'name' | 'address' | 'postcode' | 'postalPlace'
> & {
  orgnr: string | null;
  name: string | null;
  address: string | null;
  postcode: string | null;
  postalPlace: string | null;
  /** True when name, number and address are withheld. */
  withheld: boolean;
};

export interface PublicActorList extends Omit<ActorList, 'items'> {
  items: PublicActorListItem[];
  /** Rows in this page whose name was withheld. */
  withheld: number;
}

export function publicActorList(list: ActorList, rules: ActorStreamCatalogue['namedForms']): PublicActorList {
  const items = list.items.map((i): PublicActorListItem => {
    if (namedPublicly({ form: i.countedForm, name: i.name }, rules)) return { ...i, withheld: false };
    return {
      ...i,
      orgnr: null,
      name: null,
      address: null,
      postcode: null,
      postalPlace: null,
      withheld: true,
    };
  });
  return { ...list, items, withheld: items.filter((i) => i.withheld).length };
}

export async function listRegionActors(
  ws: Workspace,
  filters: ActorFilters,
  paging: { limit: number; offset: number },
): Promise<PublicActorList> {
  const list = await listActors(ws.store.db, actorQuery(ws, await ws.reference(), filters), paging);
  return publicActorList(list, ws.files.actorStreams().namedForms);
}

/** Counts by form, sector and municipality; kept until the next write (a summary reads every matching actor). */
export async function summariseRegionActors(ws: Workspace, filters: ActorFilters): Promise<ActorSummary> {
  const query = actorQuery(ws, await ws.reference(), filters);
  return ws.memo(`actors-summary:${JSON.stringify(query)}`, () => summariseActors(ws.store.db, query));
}

/** The report's count for a set of municipalities (its counting rule), straight from the store. */
export function summariseMunicipalityActors(
  db: Workspace['store']['db'],
  municipalities: string[],
): Promise<ActorSummary> {
  return summariseActors(db, { municipalities });
}

export async function actorByOrgnr(ws: Workspace, orgnr: string): Promise<ActorListItem> {
  const actor = await findActor(ws.store.db, orgnr);
  if (!actor)
    throw new AppError(
      'not_found',
      `no actor ${orgnr} in the store (import the register first, or it was filtered out)`,
      { detail: message('actor_not_found', { orgnr }) },
    );
  return actor;
}
