import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioStatements } from '../domain/audit-scenarios.ts';
import { findRegion } from '../domain/regions.ts';
import { openStore } from '../store/database.ts';
import { auditRegion, auditStatements, regionAudit } from './audit.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

const REGION = 'gjovik-hadeland-ringerike';
let ws: Workspace;
beforeAll(async () => {
  ws = await openWorkspace(await openStore({ file: ':memory:' }));
});
afterAll(async () => {
  await ws?.store.close();
});

describe('auditRegion', () => {
  it('checks the region report’s statements and the scenarios’ and grades the findings', async () => {
    const answer = await auditRegion(ws, REGION);
    const data = await ws.reference();
    const region = findRegion(data.regions, REGION);
    const statements = auditStatements(ws, data, region);
    expect(answer.region).toBe(REGION);
    // Every statement, and each built-in scenario once more for a benefit counted twice (price and CO2e).
    expect(answer.checked).toBe(statements.length + ws.library.scenarios.length);
    expect(statements.some((s) => s.id === 'residues.total')).toBe(true);
    expect(statements.some((s) => s.id.startsWith('pyrolysis.'))).toBe(true);
    expect(answer.findings.length).toBeGreaterThan(0);
    expect(answer).toEqual(regionAudit(ws, data, region));
  });

  it('has only the scenarios to check for a region without a transcribed report', async () => {
    const data = await ws.reference();
    const region = { ...findRegion(data.regions, REGION), id: 'bare' };
    delete region.seedReport;
    const scenariosOnly = regionAudit(ws, data, region);
    expect(scenariosOnly.checked).toBe(
      ws.library.scenarios.flatMap((s) => scenarioStatements(s, ws.library)).length +
        ws.library.scenarios.length,
    );
    expect(scenariosOnly.checked).toBeLessThan((await auditRegion(ws, REGION)).checked);
  });

  it('refuses an unknown region', async () => {
    await expect(auditRegion(ws, 'atlantis')).rejects.toMatchObject({ code: 'unknown_region' });
  });
});
