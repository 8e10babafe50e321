"""Country borders from Natural Earth, read offline, and the geometry the book needs.

The borders are Natural Earth's 1:10m admin-0 countries (public domain), as
packaged in TopoJSON by the npm package world-atlas (ISC licence), committed in
``geodata/`` with that licence. Nothing is fetched at build or view time.
Natural Earth draws internationally recognised borders, not front lines.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

TOPOLOGY = Path(__file__).parent / "geodata" / "countries-10m.json"
EARTH_RADIUS_KM = 6371.0088
BORDERS_CREDIT = "Natural Earth (public domain), via world-atlas 2.0.2"

Ring = list[tuple[float, float]]  # (longitude, latitude) pairs


@cache
def _topology() -> dict:
    return json.loads(TOPOLOGY.read_text())


@cache
def _arc(index: int) -> tuple[tuple[float, float], ...]:
    """Arc ``index`` decoded from its quantised deltas; a negative index is the reversed arc."""
    topology = _topology()
    if index < 0:
        return tuple(reversed(_arc(~index)))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    x = y = 0
    points = []
    for dx, dy in topology["arcs"][index]:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    return tuple(points)


def _ring(arcs: list[int]) -> Ring:
    points: Ring = []
    for index in arcs:
        arc = _arc(index)
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their joining point
    return points


def _geometry(name: str) -> dict:
    for geometry in _topology()["objects"]["countries"]["geometries"]:
        if geometry["properties"]["name"] == name:
            return geometry
    raise KeyError(f"no country named '{name}' in {TOPOLOGY.name}")


def country_polygons(name: str) -> list[list[Ring]]:
    """A country as polygons, each a list of rings (the outer ring first, then holes)."""
    geometry = _geometry(name)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[_ring(ring) for ring in polygon] for polygon in polygons]


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_country(name: str, lat: float, lon: float) -> bool:
    """Whether the point lies inside country ``name`` (and outside its holes)."""
    return any(
        _in_ring(lon, lat, polygon[0]) and not any(_in_ring(lon, lat, hole) for hole in polygon[1:])
        for polygon in country_polygons(name)
    )


def shared_border(a: str, b: str) -> list[Ring]:
    """The border two countries share: the arcs both their outlines use, as lines."""

    def arcs(name: str) -> set[int]:
        geometry = _geometry(name)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        return {i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring}

    return [list(_arc(i)) for i in sorted(arcs(a) & arcs(b))]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_to_lines_km(lat: float, lon: float, lines: list[Ring]) -> float:
    """Shortest distance from a point to any segment of ``lines``, in kilometres.

    Segments are measured on a local equirectangular projection centred on
    the point, accurate to well under 1% within a few hundred kilometres.
    """
    kx, ky = math.cos(math.radians(lat)) * math.pi * EARTH_RADIUS_KM / 180, math.pi * EARTH_RADIUS_KM / 180
    best = math.inf
    for line in lines:
        points = [((x - lon) * kx, (y - lat) * ky) for x, y in line]
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            dx, dy = x2 - x1, y2 - y1
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    return best


def _clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman: the part of a closed ring inside ``box`` (west, south, east, north)."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda p, q: (west, p[1] + (q[1] - p[1]) * (west - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= east, lambda p, q: (east, p[1] + (q[1] - p[1]) * (east - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= south, lambda p, q: (p[0] + (q[0] - p[0]) * (south - p[1]) / (q[1] - p[1]), south)),
        (lambda p: p[1] <= north, lambda p, q: (p[0] + (q[0] - p[0]) * (north - p[1]) / (q[1] - p[1]), north)),
    ]
    points = list(ring)
    for inside, cross in edges:
        kept = []
        for p, q in zip(points, points[1:] + points[:1], strict=True):
            if inside(q):
                if not inside(p):
                    kept.append(cross(p, q))
                kept.append(q)
            elif inside(p):
                kept.append(cross(p, q))
        points = kept
        if not points:
            break
    return [(round(x, 4), round(y, 4)) for x, y in points]


def countries_in_box(names: list[str], box: tuple[float, float, float, float]) -> list[dict]:
    """GeoJSON features of ``names`` clipped to ``box`` (west, south, east, north), for a map."""
    features = []
    for name in names:
        polygons = []
        for polygon in country_polygons(name):
            rings = [_clip(ring, box) for ring in polygon]
            if len(rings[0]) >= 3:
                # GeoJSON for d3 wants the outer ring clockwise, as world-atlas stores it
                polygons.append([[[x, y] for x, y in ring + ring[:1]] for ring in rings if len(ring) >= 3])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": name},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return features


def lines_in_box(lines: list[Ring], box: tuple[float, float, float, float]) -> list[Ring]:
    """The runs of each line that lie inside ``box`` (west, south, east, north)."""
    west, south, east, north = box
    runs: list[Ring] = []
    for line in lines:
        run: Ring = []
        for x, y in line:
            if west <= x <= east and south <= y <= north:
                run.append((round(x, 4), round(y, 4)))
            elif run:
                runs.append(run)
                run = []
        if len(run) > 1:
            runs.append(run)
    return [run for run in runs if len(run) > 1]
