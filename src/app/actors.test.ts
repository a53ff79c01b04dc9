import { describe, expect, it } from 'vitest';
import { actorStatusFilter } from '../domain/actors.ts';
import { actorQuery } from './actors.ts';
import { openDataFiles } from './data-files.ts';

const files = openDataFiles();
const data = files.reference();
const ws = { files };

describe('actorQuery', () => {
  it('narrows a region to its municipalities with the report’s counting rule by default', () => {
    const q = actorQuery(ws, data, { region: 'gjovik-hadeland-ringerike' });
    expect(q.municipalities).toHaveLength(12);
    expect(q.status).toEqual(actorStatusFilter({}));
  });

  it('takes one municipality of the region, padded to four digits', () => {
    expect(
      actorQuery(ws, data, { region: 'gjovik-hadeland-ringerike', municipality: '3407' }).municipalities,
    ).toEqual(['3407']);
    expect(actorQuery(ws, data, { municipality: '301' }).municipalities).toEqual(['0301']);
  });

  it('refuses a municipality outside the region, an unknown region and an unknown sector', () => {
    expect(() => actorQuery(ws, data, { region: 'gjovik-hadeland-ringerike', municipality: '0301' })).toThrow(
      /municipality 0301 is not in region gjovik-hadeland-ringerike/,
    );
    expect(() => actorQuery(ws, data, { region: 'nowhere' })).toThrow(/unknown region "nowhere"/);
    expect(() => actorQuery(ws, data, { sector: 'no_such_sector' })).toThrow(
      /invalid sector: no_such_sector \(use /,
    );
  });

  it('passes sector, form, text and the status switches through', () => {
    const sector = files.sectors().sectors[0]?.id as string;
    expect(
      actorQuery(ws, data, { sector, form: 'AS', q: 'Mjøs', units: 'enheter', includeInactive: true }),
    ).toEqual({
      sector,
      form: 'AS',
      q: 'Mjøs',
      units: 'enheter',
      status: actorStatusFilter({ includeInactive: true }),
    });
  });
});
