/**
 * Malformed and hostile input to the market routes (listings, matches, the pipeline, the ledger and
 * the region's views), on every dialect testDialects() selects: each case gets a 4xx with the error
 * shape (never a 500), and changes nothing — no listing, match or ledger record is written.
 */
import { describe } from 'vitest';
import { enc, type HostileCase, SCRIPT, SQL, SQL_OR, useHostileApi } from '../../../test/helpers/api.ts';
import { testDialects } from '../../../test/helpers/stores.ts';

const REGION = 'gjovik-hadeland-ringerike';
const UUID = '6f1c2a4e-9b7d-4c1e-8f3a-2d5b6c7e8f90';
const LISTING = {
  side: 'offer',
  kind: 'matavfall',
  region: REGION,
  quantity: { amount: 120, unit: 't', basis: 'wet', per: 'year' },
  location: { municipality: '3305' },
};
const withListing = (patch: Record<string, unknown>) => ({ ...LISTING, ...patch });

const CASES: HostileCase[] = [
  {
    name: 'listings of a kind with SQL in it',
    path: `/api/market/listings?kind=${enc(SQL)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.kind'],
  },
  {
    name: 'listings of a region with SQL in it',
    path: `/api/market/listings?region=${enc(SQL_OR)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.region'],
  },
  {
    name: 'listings with a limit of a billion',
    path: '/api/market/listings?limit=1000000000',
    status: 400,
    code: 'invalid_input',
    issues: ['query.limit'],
  },
  {
    name: 'listings with an unknown query parameter',
    path: '/api/market/listings?admin=true',
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a listing by an id with SQL in it',
    path: `/api/market/listings/${enc(SQL)}`,
    status: 400,
    code: 'invalid_input',
    issues: ['param.id'],
  },
  { name: 'a listing nobody has', path: `/api/market/listings/${UUID}`, status: 404, code: 'not_found' },
  {
    name: 'a listing with a negative amount',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ quantity: { amount: -5, unit: 't', basis: 'wet', per: 'year' } }),
    status: 400,
    code: 'invalid_input',
    issues: ['quantity.amount'],
  },
  {
    name: 'a listing in kilograms of gold',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ quantity: { amount: 5, unit: 'kg', basis: 'wet', per: 'year' } }),
    status: 400,
    code: 'invalid_input',
    issues: ['quantity.unit'],
  },
  {
    name: 'a listing in month thirteen',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ recurrence: { type: 'recurring', months: [13] } }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a listing of animal by-product category 4',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ quality: { abpCategory: 4 } }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a listing with a field of its own',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ createdBy: 'someone-else' }),
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a listing with a script for a title and a visibility that does not exist',
    path: '/api/market/listings',
    method: 'POST',
    json: withListing({ title: SCRIPT, visibility: 'everyone-and-their-dog' }),
    status: 400,
    code: 'invalid_input',
    issues: ['visibility'],
  },
  {
    name: 'a listing posted as a form',
    path: '/api/market/listings',
    method: 'POST',
    raw: 'side=offer&kind=matavfall',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'invalid_input',
  },
  {
    name: 'a listing of two megabytes',
    path: '/api/market/listings',
    method: 'POST',
    raw: JSON.stringify(withListing({ note: 'x'.repeat(2 * 1024 * 1024) })),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a well-formed listing from a visitor',
    path: '/api/market/listings',
    method: 'POST',
    json: LISTING,
    status: 401,
    code: 'unauthenticated',
  },
  {
    name: 'a listing from an estimate of an orgnr with SQL in it',
    path: '/api/market/listings/from-estimate',
    method: 'POST',
    json: { region: REGION, orgnr: SQL, kind: 'matavfall' },
    status: 400,
    code: 'invalid_input',
    issues: ['orgnr'],
  },
  {
    name: 'a match to a target of a type that does not exist',
    path: '/api/market/matches',
    method: 'POST',
    json: { listing: UUID, target: { type: 'user', id: 'admin' } },
    status: 400,
    code: 'invalid_input',
  },
  {
    name: 'a stage that does not exist',
    path: `/api/market/matches/${UUID}/stages`,
    method: 'POST',
    json: { stage: 'won' },
    status: 400,
    code: 'invalid_input',
    issues: ['stage'],
  },
  {
    name: 'a ledger record dated yesterday in words',
    path: `/api/market/matches/${UUID}/ledger`,
    method: 'POST',
    json: { date: 'yesterday', tonnes: 5, method: 'computed' },
    status: 400,
    code: 'invalid_input',
    issues: ['date'],
  },
  {
    name: 'a ledger record of text tonnes',
    path: `/api/market/matches/${UUID}/ledger`,
    method: 'POST',
    json: { date: '2026-11-01', tonnes: 'NaN', method: 'computed' },
    status: 400,
    code: 'invalid_input',
    issues: ['tonnes'],
  },
  {
    name: 'a ledger record of a trillion tonnes',
    path: `/api/market/matches/${UUID}/ledger`,
    method: 'POST',
    json: { date: '2026-11-01', tonnes: 1e12, method: 'computed' },
    status: 400,
    code: 'invalid_input',
    issues: ['tonnes'],
  },
  {
    name: 'the dashboard without a region',
    path: '/api/market/dashboard',
    status: 400,
    code: 'invalid_input',
    issues: ['query.region'],
  },
  {
    name: 'the dashboard of a region as a visitor',
    path: `/api/market/dashboard?region=${REGION}`,
    status: 401,
    code: 'unauthenticated',
  },
  {
    name: 'reminders after minus one day',
    path: `/api/market/reminders?region=${REGION}&days=-1`,
    status: 400,
    code: 'invalid_input',
    issues: ['query.days'],
  },
  {
    name: 'the ledger as XML',
    path: `/api/market/ledger?region=${REGION}&format=xml`,
    status: 400,
    code: 'invalid_input',
  },
];

describe.each(testDialects())('hostile input to the market routes on %s', (dialect) => {
  const { rejects } = useHostileApi(dialect);
  rejects(CASES);
});
