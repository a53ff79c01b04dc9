/**
 * Streams per actor on the real catalogue (data/actor-streams.json) and real register units of the
 * Enhetsregisteret sample (test/fixtures/enhetsregisteret-samples/enheter-selection.csv: organisation
 * number, name, form, NACE codes and employees as the register gives them).
 */
import { describe, expect, it } from 'vitest';
import { openDataFiles } from '../app/data-files.ts';
import {
  type ActorStream,
  actorUses,
  kindInfos,
  matchNamedActors,
  mergeStreams,
  municipalShares,
  naceStreams,
  namedPublicly,
  normaliseName,
  type RegisterActor,
  rolesOf,
  validateCatalogue,
} from './actor-streams.ts';

const files = openDataFiles();
const data = files.reference();
const lib = files.library();
const catalogue = files.actorStreams();
const kinds = new Map(kindInfos(data.kinds, catalogue).map((k) => [k.id, k]));
const useCtx = {
  catalogue,
  kinds,
  technologies: new Map(lib.technologies.map((t) => [t.id, t])),
  rules: lib.rules,
};

/** Real units of the register sample (enheter-selection.csv). */
const FIRMS: Record<string, RegisterActor> = {
  norskGjenvinning: {
    orgnr: '937270062',
    name: 'NORSK GJENVINNING AS',
    form: 'AS',
    nace: ['38.320', '38.110'],
    municipality: '3201',
    employees: 517,
  },
  kleivaneSag: {
    orgnr: '977513901',
    name: 'S KLEIVANE SAG AS',
    form: 'AS',
    nace: ['16.100'],
    municipality: '4220',
    employees: null,
  },
  rodebakk: {
    orgnr: '915118410',
    name: 'RODEBAKK GÅRDSBRYGGERI AS',
    form: 'AS',
    nace: ['11.050'],
    municipality: '5022',
    employees: null,
  },
  norskStaal: {
    orgnr: '959493715',
    name: 'NORSK STÅL AS',
    form: 'AS',
    nace: ['46.720', '25.620'],
    municipality: '4204',
    employees: 273,
  },
  felleskjopet: {
    orgnr: '911608103',
    name: 'FELLESKJØPET AGRI SA',
    form: 'SA',
    nace: ['46.210', '10.910', '46.610'],
    municipality: '3205',
    employees: 2627,
  },
  fretex: {
    orgnr: '919764031',
    name: 'FRETEX MILJØ AS',
    form: 'AS',
    nace: ['47.792', '38.320'],
    municipality: '0301',
    employees: 460,
  },
};

const coefficient = (id: string) => {
  const h = catalogue.holdings.find((x) => x.id === id);
  if (!h) throw new Error(`no holding ${id}`);
  return h.coefficient;
};

describe('the catalogue', () => {
  it('names only known kinds, technologies and ladder steps, and every coefficient is per employee within its range', () => {
    expect(
      validateCatalogue(
        catalogue,
        data.kinds.map((k) => k.id),
        lib.technologies.map((t) => t.id),
      ),
    ).toEqual([]);
  });

  it('finds what is wrong in a broken one', () => {
    const broken = structuredClone(catalogue);
    broken.holdings[0] = {
      ...(broken.holdings[0] as (typeof broken.holdings)[number]),
      kind: 'unobtainium',
    };
    (broken.uses[0] as (typeof broken.uses)[number]).technologies = ['no-such-route'];
    (broken.roles[0] as (typeof broken.roles)[number]).step = 'nowhere';
    const problems = validateCatalogue(
      broken,
      data.kinds.map((k) => k.id),
      lib.technologies.map((t) => t.id),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/unknown kind unobtainium/),
        expect.stringMatching(/unknown technology no-such-route/),
        expect.stringMatching(/unknown ladder step nowhere/),
      ]),
    );
  });

  it('marks every per-employee coefficient as an assumption or with its source', () => {
    for (const h of catalogue.holdings) {
      expect(['unsourced', 'literature', 'derived', 'verified']).toContain(h.coefficient.source.status);
      const note = h.coefficient.note;
      expect(typeof note === 'object' && note.nb.length > 10 && note.en.length > 10).toBe(true);
    }
  });
});

describe('streams from NACE × employees', () => {
  it('multiplies the register’s employees by the coefficient, and its low and high', () => {
    const s = naceStreams(FIRMS.norskGjenvinning as RegisterActor, catalogue, kinds);
    const iron = s.find((x) => x.kind === 'jernskrap') as ActorStream;
    const c = coefficient('gjenvinning-jernskrap');
    expect(iron.quantity?.tonnes).toBeCloseTo(517 * c.value, 6);
    expect(iron.quantity?.low).toBeCloseTo(517 * c.low, 6);
    expect(iron.quantity?.high).toBeCloseTo(517 * c.high, 6);
    expect(iron.quantity?.tonnesDm).toBeNull(); // technical: no dry matter
    expect(iron.basis).toBe('nace-employees');
    expect(iron.status).toBe('estimated');
    expect(iron.source).toMatchObject({
      coefficient: c.id,
      employees: { value: 517, withheld: false },
    });
    // 38.32 and 38.11: scrap of both kinds and WEEE (collection)
    expect(s.map((x) => x.kind).sort()).toEqual(['ee-avfall', 'ikke-jern-skrap', 'jernskrap']);
  });

  it('uses 0–4 employees (central 2) where the register withholds the count, and converts DM to wet', () => {
    const sag = naceStreams(FIRMS.kleivaneSag as RegisterActor, catalogue, kinds);
    const chips = sag.find((x) => x.kind === 'celluloseflis') as ActorStream;
    const c = coefficient('sagbruk-celluloseflis');
    const dm = kinds.get('celluloseflis')?.dmShare as number;
    expect(chips.quantity?.tonnesDm).toBeCloseTo(2 * c.value, 6);
    expect(chips.quantity?.tonnes).toBeCloseTo((2 * c.value) / dm, 6);
    expect(chips.quantity?.low).toBe(0);
    expect(chips.quantity?.high).toBeCloseTo((4 * c.high) / dm, 6);
    expect(chips.source.employees).toEqual({ value: 2, low: 0, high: 4, withheld: true });
    expect(sag.map((x) => x.kind).sort()).toEqual(['bark', 'celluloseflis', 'sagflis']);

    const mask = naceStreams(FIRMS.rodebakk as RegisterActor, catalogue, kinds);
    expect(mask.map((x) => x.kind)).toEqual(['bryggerimask']);
  });

  it('reads every naeringskode, not only the first (Norsk Stål is metal wholesale first, machining second)', () => {
    const s = naceStreams(FIRMS.norskStaal as RegisterActor, catalogue, kinds);
    expect(s.map((x) => x.kind)).toEqual(['aluminiumspon']);
    expect(s[0]?.quantity?.tonnes).toBeCloseTo(273 * coefficient('metall-spon').value, 6);
  });
});

describe('roles and uses', () => {
  it('classifies the technical cycle’s roles from NACE codes', () => {
    expect(rolesOf(FIRMS.norskGjenvinning?.nace ?? [], catalogue)).toEqual(['collection', 'recycling']);
    expect(rolesOf(FIRMS.fretex?.nace ?? [], catalogue)).toEqual(['recycling', 'reuse']);
    expect(rolesOf(FIRMS.norskStaal?.nace ?? [], catalogue)).toEqual(['processing']);
    expect(rolesOf(['85.421'], catalogue)).toEqual(['research']);
    expect(rolesOf(['38.310'], catalogue)).toEqual(['dismantling']);
  });

  it('gives a feed mill the feed tier for grain cleanings, and never manure (eligibility)', () => {
    const uses = actorUses(FIRMS.felleskjopet?.nace ?? [], [], useCtx);
    const cleanings = uses.find((u) => u.kind === 'kornavrens');
    expect(cleanings?.reaches).toMatchObject({ tier: 'for', technology: 'kornavrens-til-for' });
    expect(uses.some((u) => u.kind === 'husdyrgjodsel')).toBe(false);
    expect(uses.every((u) => u.quantity === null && u.direction === 'uses')).toBe(true);
  });

  it('refuses a use rule that would send manure or sludge into feed', () => {
    const ctx = {
      ...useCtx,
      catalogue: {
        ...catalogue,
        uses: [
          {
            id: 'bad',
            nace: ['10.91'],
            kinds: ['husdyrgjodsel', 'avlopsslam', 'kornavrens'],
            tier: 'for' as const,
            note: { nb: 'test', en: 'test' },
          },
        ],
      },
    };
    expect(actorUses(['10.910'], [], ctx).map((u) => u.kind)).toEqual(['kornavrens']);
  });

  it('lets a biogas plant take manure at its highest tier (compost, a fertiliser, over biogas energy)', () => {
    const uses = actorUses(['38.210'], [], useCtx);
    const manure = uses.find((u) => u.kind === 'husdyrgjodsel');
    expect(manure?.reaches?.tier).toBe('gjodsel');
    expect(manure?.reaches?.technology).toBe('composting');
  });

  it('gives a dismantler end-of-life vehicles at the recycling step', () => {
    const uses = actorUses(['38.310'], rolesOf(['38.310'], catalogue), useCtx);
    expect(uses.find((u) => u.kind === 'kasserte-kjoretoy')?.reaches).toEqual({
      step: 'materialgjenvinning',
      rule: 'dismantling',
    });
  });
});

describe('merging and shares', () => {
  it('prefers a confirmation over the farm record, the record over NACE × employees', () => {
    const s = (basis: ActorStream['basis'], tonnes: number): ActorStream => ({
      kind: 'halm',
      direction: 'holds',
      basis,
      status: basis === 'confirmed' ? 'confirmed' : 'estimated',
      quantity: { tonnes, low: tonnes, high: tonnes, tonnesDm: null },
      source: {},
    });
    expect(mergeStreams([[s('nace-employees', 1)], [s('farm-record', 2)]])[0]?.quantity?.tonnes).toBe(2);
    expect(
      mergeStreams([[s('farm-record', 2)], [s('confirmed', 3)], [s('nace-employees', 1)]])[0]?.status,
    ).toBe('confirmed');
  });

  it('shares a municipal estimate among the sewage plants by employees, adding up to it', () => {
    const plants: RegisterActor[] = [
      {
        orgnr: '1',
        name: 'A RENSEANLEGG',
        form: 'KF',
        nace: ['37.000'],
        municipality: '3407',
        employees: 30,
      },
      {
        orgnr: '2',
        name: 'B RENSEANLEGG',
        form: 'KF',
        nace: ['37.000'],
        municipality: '3407',
        employees: null,
      },
      { orgnr: '3', name: 'C', form: 'AS', nace: ['38.110'], municipality: '3407', employees: 9 },
    ];
    const rule = catalogue.shares[0] as (typeof catalogue.shares)[number];
    const est = new Map([['3407', { tonnes: 3100, low: 2500, high: 3600, tonnesDm: 775 }]]);
    const shares = municipalShares(plants, est, rule);
    expect([...shares.keys()]).toEqual(['1', '2']);
    expect(shares.get('1')?.quantity?.tonnes).toBeCloseTo(3000, 6);
    expect(shares.get('2')?.quantity?.tonnes).toBeCloseTo(100, 6);
    expect(shares.get('1')?.source.share).toEqual({ municipalTonnes: 3100, weight: 30, of: 31 });
  });
});

describe('privacy', () => {
  const rules = catalogue.namedForms;
  it('names companies, never sole proprietorships, and farms outside the register only by a company form in the name', () => {
    expect(namedPublicly({ form: 'AS', name: 'NORSK GJENVINNING AS' }, rules)).toBe(true);
    expect(namedPublicly({ form: 'SA', name: 'FELLESKJØPET AGRI SA' }, rules)).toBe(true);
    expect(namedPublicly({ form: 'ENK', name: 'KVEBU BJØRLI GARD' }, rules)).toBe(false);
    expect(namedPublicly({ form: null, name: 'SKØIEN VESTRE AS' }, rules)).toBe(true);
    expect(namedPublicly({ form: null, name: 'HESTNES ODD MARTIN' }, rules)).toBe(false);
    expect(namedPublicly({ form: null, name: 'ASBJØRN HASLE' }, rules)).toBe(false);
    expect(namedPublicly({ form: null, name: null }, rules)).toBe(false);
  });
});

describe('the report’s named actors', () => {
  it('compares names without company forms and punctuation', () => {
    expect(normaliseName('Horisont Miljøpark IKS - Dalborgmarka')).toBe('HORISONT MILJØPARK DALBORGMARKA');
    expect(normaliseName('Norwegian Re:Textile AS')).toBe('NORWEGIAN RE TEXTILE');
    expect(normaliseName('Gausdal Sewing Industry (repair, high volume)')).toBe('GAUSDAL SEWING INDUSTRY');
  });

  it('finds a unit whose name starts with the report’s, in the report’s municipality, and checks its role', () => {
    const units: RegisterActor[] = [
      {
        orgnr: '992054530',
        name: 'MUSTAD STØPERI AS',
        form: 'AS',
        nace: ['68.209'],
        municipality: '3407',
        employees: null,
      },
      {
        orgnr: '1',
        name: 'MUSTADS GATE AS',
        form: 'AS',
        nace: ['25.930'],
        municipality: '3407',
        employees: null,
      },
      { orgnr: '2', name: 'MUSTAD AS', form: 'AS', nace: ['25.930'], municipality: '0301', employees: 40 },
    ];
    const [m] = matchNamedActors([{ name: 'Mustad', place: 'Gjøvik', role: 'processing' }], units, catalogue);
    expect(m?.municipalities).toEqual(['3407']);
    expect(m?.found.map((f) => f.orgnr)).toEqual(['992054530']);
    // The register calls it property rental (68.209): found, but not in the role the report gives.
    expect(m?.roleMatches).toBe(false);
    const [anywhere] = matchNamedActors(
      [{ name: 'Mustad', place: null, role: 'processing' }],
      units,
      catalogue,
    );
    expect(anywhere?.found.map((f) => f.orgnr).sort()).toEqual(['2', '992054530']);
    expect(anywhere?.roleMatches).toBe(true);
  });
});
