/**
 * Where a municipality's tonnes start: one point per kind of origin, on the road network, instead of
 * the polygon's centroid (which can lie on a mountain or in a lake, and is not where farms, forest or
 * people are). No open land-cover, farm-position or population grid is shipped, so the points are
 * read from the roads themselves: in Norway farms and houses lie along the roads, and the kinds of
 * road differ between town, farmland and forest. Each road node inside the municipality is weighted
 * by the length of the links that meet there, per road class, with weights per origin (data):
 *
 * - settlement (food waste, sludge): the densest cluster of junctions, the node where the link ends
 *   within a kernel radius (weighted by road class) add up to most, which is the town. On 21 towns
 *   checked, the median distance to the town centre is 2.2 km (centroids: 10 km), the worst 19 km
 *   (Tynset, Bodø and Kristiansand, where N1000 has few links in town);
 * - farmland and forest (manure, straw, grain, wood): the weighted medoid, the node with the least
 *   weighted straight-line distance to all the others, which lies in the settled valley floor rather
 *   than the geometric middle.
 *
 * A municipality without a road node inside it (an island without a car ferry) keeps its polygon's
 * representative point, tied to the nearest node; its last mile then counts.
 */
import { haversineKm, insidePolygons, type LatLon, type Polygon } from './geo.ts';
import { ORIGIN_CLASSES, type OriginClass } from './residue-kinds.ts';
import { nearestNode, ROAD_CLASSES, type RoadClass, type RoadNetwork } from './roads.ts';

export interface OriginWeights {
  /**
   * Per origin, the weight of each road class: for farmland and forest of a km of road, for a
   * settlement of a link end (a junction of three links counts three).
   */
  roadClass: Record<OriginClass, Record<RoadClass, number>>;
  /** Radius of the settlement kernel, km. */
  settlementKernelKm: number;
}

export interface OriginPoint extends LatLon {
  node: number;
  /** Straight-line km from the point to its node (0 when the point is a node). */
  snapKm: number;
  method: 'density-peak' | 'weighted-medoid' | 'polygon-point';
}

/** The nodes of the network inside a municipality's polygons (a bounding box first). */
export function nodesInside(net: Pick<RoadNetwork, 'lat' | 'lon'>, polygons: Polygon[]): number[] {
  let minLat = 90;
  let maxLat = -90;
  let minLon = 180;
  let maxLon = -180;
  for (const poly of polygons)
    for (const [lon, lat] of poly[0] ?? []) {
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
    }
  const out: number[] = [];
  for (let i = 0; i < net.lat.length; i++) {
    const lat = net.lat[i] as number;
    const lon = net.lon[i] as number;
    if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) continue;
    if (insidePolygons(polygons, { lat, lon })) out.push(i);
  }
  return out;
}

/** Per road class and node: the road km meeting there (half of each link) and the link ends. */
export interface NodeRoads {
  km: Float64Array[];
  ends: Float64Array[];
}

/** What meets at each node, per road class; ferries left out. */
export function nodeRoads(net: RoadNetwork): NodeRoads {
  const km = ROAD_CLASSES.map(() => new Float64Array(net.lat.length));
  const ends = ROAD_CLASSES.map(() => new Float64Array(net.lat.length));
  for (let e = 0; e < net.from.length; e++) {
    if (net.ferry[e] === 1) continue;
    const k = net.roadClass[e] as number;
    for (const v of [net.from[e] as number, net.to[e] as number]) {
      (km[k] as Float64Array)[v] = ((km[k] as Float64Array)[v] as number) + (net.km[e] as number) / 2;
      (ends[k] as Float64Array)[v] = ((ends[k] as Float64Array)[v] as number) + 1;
    }
  }
  return { km, ends };
}

function weightOf(per: Float64Array[], node: number, w: Record<RoadClass, number>): number {
  let s = 0;
  ROAD_CLASSES.forEach((c, k) => {
    s += ((per[k] as Float64Array)[node] as number) * w[c];
  });
  return s;
}

/** Origin points of one municipality from its nodes; `fallback` where it has none. */
export function originPoints(
  net: RoadNetwork,
  roads: NodeRoads,
  nodes: number[],
  fallback: LatLon,
  weights: OriginWeights,
): Record<OriginClass, OriginPoint> {
  const at = (i: number) => ({ lat: net.lat[i] as number, lon: net.lon[i] as number });
  if (nodes.length === 0) {
    const near = nearestNode(net, fallback);
    const p: OriginPoint = { ...fallback, node: near.node, snapKm: near.km, method: 'polygon-point' };
    return { farmland: p, forest: { ...p }, settlement: { ...p } };
  }
  const out = {} as Record<OriginClass, OriginPoint>;
  for (const cls of ORIGIN_CLASSES) {
    const per = cls === 'settlement' ? roads.ends : roads.km;
    const w = nodes.map((i) => weightOf(per, i, weights.roadClass[cls]));
    const total = w.reduce((s, v) => s + v, 0);
    // A municipality whose roads all have weight 0 for this origin weighs every node alike.
    const weight = total > 0 ? w : nodes.map(() => 1);
    let best = 0;
    let bestScore = cls === 'settlement' ? -1 : Number.POSITIVE_INFINITY;
    nodes.forEach((i, a) => {
      let score = 0;
      nodes.forEach((j, b) => {
        const d = haversineKm(at(i), at(j));
        if (cls === 'settlement')
          score += (weight[b] as number) * Math.max(0, 1 - d / weights.settlementKernelKm);
        else score += (weight[b] as number) * d;
      });
      if (cls === 'settlement' ? score > bestScore : score < bestScore) {
        bestScore = score;
        best = a;
      }
    });
    const node = nodes[best] as number;
    out[cls] = {
      ...at(node),
      node,
      snapKm: 0,
      method: cls === 'settlement' ? 'density-peak' : 'weighted-medoid',
    };
  }
  return out;
}
