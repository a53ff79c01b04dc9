/**
 * Which municipalities an estimate covers: a region's, or a list the user gives by number or name
 * (old numbers and names are mapped to today's). Unknown numbers fail with a message that lists what exists.
 */
import { AppError } from './errors.ts';
import { message } from './message.ts';
import { type MunicipalityRegistry, type Resolution, resolveMunicipalityInput } from './municipalities.ts';
import type { Region } from './regions.ts';

export function selectMunicipalities(
  registry: MunicipalityRegistry,
  region: Region,
  requested?: readonly string[],
): string[] {
  if (!requested || requested.length === 0) return [...region.municipalities];
  const out: string[] = [];
  for (const raw of requested) {
    const r: Resolution = resolveMunicipalityInput(registry, raw);
    if (!r.ok && r.candidates.length > 0 && !/^\d{1,4}$/.test(raw.trim()))
      // A name several municipalities share: its own message naming them, not the region's list.
      throw new AppError('unknown_municipality', r.reason, { detail: r.detail });
    if (!r.ok) {
      const names = region.municipalities
        .map((nr) => `${nr} ${registry.municipalities.get(nr)?.name ?? ''}`.trim())
        .join(', ');
      // A split number has a reason worth reading; "unknown" would only repeat the message.
      const reason = r.candidates.length > 0 ? ` (${r.reason})` : '';
      throw new AppError(
        'unknown_municipality',
        `unknown municipality "${raw}"${reason}; municipalities in ${region.id}: ${names}`,
        {
          detail: message('unknown_municipality_in_region', {
            input: raw,
            region: region.id,
            known: region.municipalities.map((nr) =>
              `${nr} ${registry.municipalities.get(nr)?.name ?? ''}`.trim(),
            ),
            candidates: r.candidates,
          }),
        },
      );
    }
    if (!out.includes(r.number)) out.push(r.number);
  }
  return out;
}

/** Splits a comma-separated option value ("3407, 3442") into trimmed non-empty parts. */
export function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
