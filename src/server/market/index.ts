/**
 * The market platform over HTTP: listings, matches, the pipeline, the ledger and the region's
 * dashboard under /api/market. Every route reads the session (a visitor has none); every state
 * change needs a signed-in user and a request from the app's own origin, and takes JSON only.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { Accounts } from '../../app/accounts.ts';
import {
  type Asker,
  addLedgerRecord,
  changeListing,
  createListing,
  LEDGER_COLUMNS,
  ledgerRows,
  listingFromEstimate,
  listingsFromEstimates,
  listMatches,
  matchesFor,
  moveStage,
  proposeMatch,
  regionDashboard,
  regionLedger,
  reminders,
  searchListings,
  showListing,
  showMatch,
  suggestions,
} from '../../app/market.ts';
import { messageNames } from '../../app/names.ts';
import { viewerOf } from '../../app/roles.ts';
import {
  LEGAL_STATUSES,
  LISTING_SIDES,
  LISTING_STATES,
  LOGISTICS,
  QUANTITY_BASES,
  QUANTITY_PERIODS,
  QUANTITY_UNITS,
  RECURRENCES,
  STAGES,
  VISIBILITIES,
} from '../../domain/market.ts';
import { message } from '../../domain/message.ts';
import { TIERS } from '../../domain/valuation.ts';
import { localise } from '../../messages/catalogue.ts';
import { clientIp, trustedOrigin } from '../accounts/index.ts';
import type { Env } from '../env.ts';
import { ErrorSchema, errorJson, errorResponses, langOf } from '../errors.ts';
import { csvResponse } from '../export.ts';
import { answer, FormatQuery, integerQuery, Opaque, safeText } from '../schemas.ts';
import type { ServerState } from '../state.ts';

const SESSION = [{ session: [] }];
const SESSION_OPTIONAL: { [name: string]: string[] }[] = [{ session: [] }, {}];
const denied = {
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: {
    description: 'Signed in, but the role does not allow it (or the request came from another origin)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  409: { description: 'Already done', content: { 'application/json': { schema: ErrorSchema } } },
};

const RegionId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/)
  .openapi({ example: 'gjovik-hadeland-ringerike' });
const Uuid = z.string().uuid();
const KindId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/)
  .openapi({ example: 'matavfall' });
const Orgnr = z.string().regex(/^\d{9}$/);
const Municipality = z.string().regex(/^\d{4}$/);
const note = safeText(2000).nullable().optional();
const nok = z.number().min(-1e6).max(1e7);

const Quantity = z
  .object({
    amount: z.number().positive().max(1e8),
    unit: z.enum(QUANTITY_UNITS),
    basis: z.enum(QUANTITY_BASES),
    per: z.enum(QUANTITY_PERIODS),
    low: z.number().nonnegative().max(1e8).nullable().optional(),
    high: z.number().nonnegative().max(1e8).nullable().optional(),
  })
  .strict();
const Recurrence = z
  .object({
    type: z.enum(RECURRENCES).optional(),
    months: z.array(z.number().int().min(1).max(12)).max(12).optional(),
    intervalDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict();
const Quality = z
  .object({
    dmShare: z.number().min(0).max(1).nullable().optional(),
    contaminants: safeText(500).nullable().optional(),
    certificate: safeText(200).nullable().optional(),
    abpCategory: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .nullable()
      .optional(),
  })
  .strict();
const Price = z
  .object({ nokPerTonne: nok.nullable().optional(), gateFeeNokPerTonne: nok.nullable().optional() })
  .strict();
const Legal = z
  .object({
    status: z.enum(LEGAL_STATUSES).optional(),
    receiverNeedsPermit: z.boolean().optional(),
    receiverNeedsMattilsynet: z.boolean().optional(),
  })
  .strict();
const Use = z
  .object({ tier: z.enum(TIERS).nullable().optional(), technology: KindId.nullable().optional() })
  .strict();
const Location = z
  .object({ municipality: Municipality, address: safeText(200).nullable().optional() })
  .strict();

const ListingBody = z
  .object({
    side: z.enum(LISTING_SIDES),
    kind: KindId,
    region: RegionId,
    title: safeText(200).optional(),
    quantity: Quantity,
    recurrence: Recurrence.optional(),
    quality: Quality.optional(),
    location: Location,
    price: Price.optional(),
    logistics: z.enum(LOGISTICS).optional(),
    legal: Legal.optional(),
    use: Use.optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    holder: z
      .object({ organisationId: safeText(100).optional(), orgnr: Orgnr.optional() })
      .strict()
      .optional(),
    note,
  })
  .strict()
  .openapi('ListingInput');

const ListingPatch = z
  .object({
    title: safeText(200).optional(),
    quantity: Quantity.optional(),
    recurrence: Recurrence.optional(),
    quality: Quality.optional(),
    location: Location.optional(),
    price: Price.optional(),
    logistics: z.enum(LOGISTICS).optional(),
    legal: Legal.optional(),
    use: Use.optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    note,
    confirmed: z.boolean().optional(),
    state: z.enum(LISTING_STATES).optional(),
  })
  .strict()
  .openapi('ListingPatch');

const ListingSchema = Opaque(
  'Listing',
  'A listing: side, kind, quantity with unit and basis, recurrence, quality, location, price, logistics, legal status, visibility, holder',
);

function json<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** The request's asker: its viewer (a visitor without a session) and address. */
async function askerOf(
  c: Context<Env>,
  state: ServerState,
  accounts: () => Accounts | undefined,
): Promise<Asker> {
  return { viewer: await viewerOf(state, accounts(), c.req.raw.headers), ip: clientIp(c) };
}

export function marketRoutes(
  api: OpenAPIHono<Env>,
  state: ServerState,
  accounts: () => Accounts | undefined,
): void {
  // Every state change comes from the app's own origin (the session cookie is SameSite=Lax, and JSON
  // bodies need a preflight this API never grants; this refuses the rest).
  api.use('/market/*', async (c: Context<Env>, next: Next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = trustedOrigin(c, accounts());
    if (!origin.ok)
      return c.json(
        errorJson(langOf(c), 'forbidden', message('origin_not_trusted', { origin: origin.origin ?? '' })),
        403,
      );
    return next();
  });
  const ask = (c: Context<Env>) => askerOf(c, state, accounts);
  const say = async <T>(c: Context<Env>, value: T) =>
    localise(value, langOf(c), messageNames(await state.reference(), state.library));

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/listings',
      tags: ['market'],
      summary:
        'Listings the viewer may see, the public view of named companies, and public listings per municipality',
      description:
        'A visitor sees public listings of named companies and sums per municipality and kind; a signed-in participant also what its organisation, its region and its role open.',
      security: SESSION_OPTIONAL,
      request: {
        query: z
          .object({
            region: RegionId.optional(),
            kind: KindId.optional(),
            side: z.enum(LISTING_SIDES).optional(),
            municipality: Municipality.optional(),
            state: z.enum(LISTING_STATES).optional(),
            q: safeText(100).optional(),
            limit: integerQuery(1, 1000).optional(),
          })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque('ListingSearch', 'total, items (full), public (named companies), aggregates'),
          'The listings',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json((await searchListings(state, await ask(c), c.req.valid('query'))) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/listings',
      tags: ['market'],
      summary: 'Create a listing (for one’s organisation, or as the region’s facilitator for a holder)',
      security: SESSION,
      request: { body: json(ListingBody) },
      responses: { 201: answer(ListingSchema, 'The listing'), ...errorResponses, ...denied },
    }),
    async (c) => c.json((await createListing(state, await ask(c), c.req.valid('json'))) as never, 201),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/listings/from-estimate',
      tags: ['market'],
      summary: 'Start a listing from Restverdi’s estimate of what a holder has (prefilled, marked estimated)',
      security: SESSION,
      request: {
        body: json(
          z
            .object({ region: RegionId, orgnr: Orgnr, kind: KindId, side: z.enum(LISTING_SIDES).optional() })
            .strict()
            .openapi('ListingFromEstimate'),
        ),
      },
      responses: { 201: answer(ListingSchema, 'The listing'), ...errorResponses, ...denied },
    }),
    async (c) => c.json((await listingFromEstimate(state, await ask(c), c.req.valid('json'))) as never, 201),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/listings/from-estimates',
      tags: ['market'],
      summary:
        'For the region’s facilitator: listings from the estimate for every holder of a kind (largest first, at least minTonnes, at most limit) not listed yet; all or none',
      security: SESSION,
      request: {
        body: json(
          z
            .object({
              region: RegionId,
              kind: KindId,
              minTonnes: z.number().nonnegative().max(1e8).optional(),
              limit: z.number().int().min(1).max(500).optional(),
            })
            .strict()
            .openapi('ListingsFromEstimates'),
        ),
      },
      responses: {
        201: answer(
          Opaque('ListingsMade', 'created (listings) and skipped (listed, below, overLimit)'),
          'The listings',
        ),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) =>
      c.json((await listingsFromEstimates(state, await ask(c), c.req.valid('json'))) as never, 201),
  );

  const IdPath = z.object({ id: Uuid.openapi({ param: { name: 'id', in: 'path' } }) });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/listings/{id}',
      tags: ['market'],
      summary: 'One listing, in full or in its public view; 404 when the viewer may not see it',
      security: SESSION_OPTIONAL,
      request: { params: IdPath },
      responses: {
        200: answer(Opaque('ListingView', 'access, listing, editable'), 'The listing'),
        ...errorResponses,
      },
    }),
    async (c) => c.json((await showListing(state, await ask(c), c.req.valid('param').id)) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/market/listings/{id}',
      tags: ['market'],
      summary:
        'Complete, confirm, widen or close a listing (its holder, its creator, the region’s facilitator)',
      security: SESSION,
      request: { params: IdPath, body: json(ListingPatch) },
      responses: { 200: answer(ListingSchema, 'The listing'), ...errorResponses, ...denied },
    }),
    async (c) =>
      c.json(
        (await changeListing(state, await ask(c), c.req.valid('param').id, c.req.valid('json'))) as never,
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/listings/{id}/matches',
      tags: ['market'],
      summary:
        'Where an offer could go (or where a wanted stream could come from), ranked, with the excluded pairs and why',
      security: SESSION,
      request: {
        params: IdPath,
        query: z
          .object({
            limit: integerQuery(1, 10_000)
              .optional()
              .openapi({ description: 'The best this many (default all; `total` counts them all)' }),
          })
          .strict(),
      },
      responses: {
        200: answer(
          Opaque('Matches', 'listing, ranked candidates, excluded candidates with reasons'),
          'The matches',
        ),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) =>
      c.json(
        (await say(
          c,
          await matchesFor(state, await ask(c), c.req.valid('param').id, c.req.valid('query')),
        )) as never,
        200,
      ),
  );

  const MatchSchema = Opaque(
    'Match',
    'A match with its stage log, allowed next stages, ledger records and realised totals',
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/matches',
      tags: ['market'],
      summary: 'Propose a ranked candidate as a match (stage identified)',
      security: SESSION,
      request: {
        body: json(
          z
            .object({
              listing: Uuid,
              target: z.object({ type: z.enum(['listing', 'actor', 'site']), id: safeText(100) }).strict(),
              note,
            })
            .strict()
            .openapi('MatchProposal'),
        ),
      },
      responses: { 201: answer(MatchSchema, 'The match'), ...errorResponses, ...denied },
    }),
    async (c) => c.json((await proposeMatch(state, await ask(c), c.req.valid('json'))) as never, 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/matches',
      tags: ['market'],
      summary: 'The region’s matches (its facilitator), or those the viewer’s organisations are party to',
      security: SESSION,
      request: { query: z.object({ region: RegionId.optional() }).strict() },
      responses: { 200: answer(z.array(MatchSchema), 'The matches'), ...errorResponses, ...denied },
    }),
    async (c) => c.json((await listMatches(state, await ask(c), c.req.valid('query'))) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/matches/{id}',
      tags: ['market'],
      summary: 'One match; a party that opens it has seen it',
      security: SESSION,
      request: { params: IdPath },
      responses: { 200: answer(MatchSchema, 'The match'), ...errorResponses, ...denied },
    }),
    async (c) => c.json((await showMatch(state, await ask(c), c.req.valid('param').id)) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/matches/{id}/stages',
      tags: ['market'],
      summary: 'Move a match along the pipeline (appended to its log; rejected and stalled need a reason)',
      security: SESSION,
      request: {
        params: IdPath,
        body: json(
          z
            .object({ stage: z.enum(STAGES), reason: safeText(500).nullable().optional(), note })
            .strict()
            .openapi('StageChange'),
        ),
      },
      responses: { 201: answer(MatchSchema, 'The match'), ...errorResponses, ...denied },
    }),
    async (c) =>
      c.json(
        (await moveStage(state, await ask(c), c.req.valid('param').id, c.req.valid('json'))) as never,
        201,
      ),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/market/matches/{id}/ledger',
      tags: ['market'],
      summary: 'Record tonnes moved: NOK and CO2e computed from the match, or entered with evidence',
      security: SESSION,
      request: {
        params: IdPath,
        body: json(
          z
            .object({
              date: z.string().date(),
              tonnes: z.number().positive().max(1e7),
              method: z.enum(['computed', 'evidence']),
              nok: z.number().min(-1e10).max(1e10).optional(),
              co2eTonnes: z.number().min(-1e7).max(1e7).optional(),
              evidence: safeText(2000).optional(),
            })
            .strict()
            .openapi('LedgerInput'),
        ),
      },
      responses: {
        201: answer(Opaque('LedgerRecord', 'The record'), 'The record'),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) =>
      c.json(
        (await addLedgerRecord(state, await ask(c), c.req.valid('param').id, c.req.valid('json'))) as never,
        201,
      ),
  );

  const RegionQuery = z.object({ region: RegionId }).strict();
  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/ledger',
      tags: ['market'],
      summary: 'The region’s ledger of realised benefit: every record and the totals (sums of the records)',
      security: SESSION,
      request: { query: z.object({ region: RegionId, format: FormatQuery(['json', 'csv']) }).strict() },
      responses: {
        200: answer(Opaque('Ledger', 'records and totals'), 'The ledger', ['csv']),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const l = await regionLedger(state, await ask(c), q);
      if (q.format === 'csv') return csvResponse(c, ledgerRows(l), [...LEDGER_COLUMNS], `ledger-${q.region}`);
      return c.json(l as never, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/dashboard',
      tags: ['market'],
      summary: 'Identified against realised benefit by stream kind, municipality and tier',
      security: SESSION,
      request: { query: RegionQuery },
      responses: {
        200: answer(Opaque('Dashboard', 'total, byKind, byMunicipality, byTier'), 'The dashboard'),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) => c.json((await regionDashboard(state, await ask(c), c.req.valid('query'))) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/reminders',
      tags: ['market'],
      summary:
        'Matches of the region with no stage change for `days` days (default 30), and every stalled one',
      security: SESSION,
      request: { query: z.object({ region: RegionId, days: integerQuery(1, 3650).optional() }).strict() },
      responses: {
        200: answer(Opaque('Reminders', 'days, due'), 'The reminders'),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) => c.json((await reminders(state, await ask(c), c.req.valid('query'))) as never, 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/market/suggestions',
      tags: ['market'],
      summary:
        'For the region’s facilitator: candidates no one has proposed yet, and matches a party has not opened',
      security: SESSION,
      request: { query: RegionQuery },
      responses: {
        200: answer(Opaque('Suggestions', 'suggested, unseen'), 'The suggestions'),
        ...errorResponses,
        ...denied,
      },
    }),
    async (c) =>
      c.json((await say(c, await suggestions(state, await ask(c), c.req.valid('query')))) as never, 200),
  );
}
