import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCentroids, CENTROIDS } from '../scripts/build-centroids.ts';
import { haversineKm, insidePolygons, type Polygon } from '../src/domain/geo.ts';

const DATA = new URL('../data/', import.meta.url);
const committed = JSON.parse(readFileSync(new URL(CENTROIDS, DATA), 'utf8')) as {
  municipalities: { number: string; name: string; lat: number; lon: number; method: string }[];
};

describe('municipality centroids (data/municipalities/centroids-2024.json)', () => {
  it('match a rebuild from the Kartverket GeoJSON', () => {
    expect(readFileSync(new URL(CENTROIDS, DATA), 'utf8')).toBe(buildCentroids());
  });

  it('cover exactly the 357 municipalities of the registry', () => {
    const registry = JSON.parse(
      readFileSync(new URL('municipalities/municipalities-2024.json', DATA), 'utf8'),
    ) as {
      municipalities: { number: string }[];
    };
    expect(committed.municipalities.map((m) => m.number).sort()).toEqual(
      registry.municipalities.map((m) => m.number).sort(),
    );
    expect(committed.municipalities).toHaveLength(357);
  });

  it('lie inside Norway’s bounding box and inside their own municipality', () => {
    const geo = JSON.parse(
      readFileSync(new URL('sources/kommuner-geojson-2024/Kommuner-S.geojson', DATA), 'utf8'),
    ) as {
      features: {
        properties: { kommunenummer: string };
        geometry: { type: string; coordinates: Polygon | Polygon[] };
      }[];
    };
    const polys = new Map(
      geo.features.map((f) => [
        f.properties.kommunenummer,
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates as Polygon]
          : (f.geometry.coordinates as Polygon[]),
      ]),
    );
    for (const m of committed.municipalities) {
      expect(m.lat, m.number).toBeGreaterThan(57.9);
      expect(m.lat, m.number).toBeLessThan(71.2);
      expect(m.lon, m.number).toBeGreaterThan(4.5);
      expect(m.lon, m.number).toBeLessThan(31.2);
      expect(insidePolygons(polys.get(m.number) ?? [], m), `${m.number} ${m.name}`).toBe(true);
    }
  });

  it('put Gjøvik (3407) within 20 km of the town at 60.8 N 10.7 E, and Oslo near its centre', () => {
    const at = (nr: string) =>
      committed.municipalities.find((m) => m.number === nr) as { lat: number; lon: number };
    // The centroid lies west of the town because the municipality reaches west to Snertingdal.
    expect(haversineKm(at('3407'), { lat: 60.8, lon: 10.7 })).toBeLessThan(20);
    expect(haversineKm(at('0301'), { lat: 59.91, lon: 10.75 })).toBeLessThan(15);
  });
});

describe('haversineKm', () => {
  it('gives 111.2 km per degree of latitude and Oslo–Bergen about 305 km', () => {
    expect(haversineKm({ lat: 60, lon: 10 }, { lat: 61, lon: 10 })).toBeCloseTo(111.19, 1);
    expect(haversineKm({ lat: 59.9139, lon: 10.7522 }, { lat: 60.3913, lon: 5.3221 })).toBeGreaterThan(300);
    expect(haversineKm({ lat: 59.9139, lon: 10.7522 }, { lat: 60.3913, lon: 5.3221 })).toBeLessThan(310);
  });
});
