"""Build `warta/web/static/world.geojson`, the map's country outline layer.

The outlines are Natural Earth's 1:110m "admin 0 countries" (public domain,
https://www.naturalearthdata.com), as shipped inside the geopandas 0.14 wheel
(`geopandas/datasets/naturalearth_lowres/`). That wheel is only read once,
here, by whoever regenerates the file; warta itself depends on neither
geopandas nor any GIS library: the output is a small GeoJSON committed with
the package, and the map is drawn from it server-side as SVG.

    pip download --no-deps -d /tmp/gp "geopandas==0.14.4"
    python -m warta.web.tools.build_world /tmp/gp/geopandas-0.14.4-py3-none-any.whl

The shapefile and dBase readers below are minimal and pure Python (polygon
shapes and character/numeric fields are all this file needs). Coordinates are
rounded to 0.1 degree, which is below what 1:110m resolves anyway.
"""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "world.geojson"
PRECISION = 1


def read_dbf(data: bytes) -> list[dict[str, str]]:
    records = struct.unpack("<I", data[4:8])[0]
    header_length, record_length = struct.unpack("<HH", data[8:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    rows = []
    for i in range(records):
        start = header_length + i * record_length
        record, position = data[start:start + record_length], 1
        row = {}
        for name, length in fields:
            row[name] = record[position:position + length].decode("utf-8", "replace").strip()
            position += length
        rows.append(row)
    return rows


def read_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Every record's rings (lists of (lon, lat)), in file order."""
    shapes: list[list[list[tuple[float, float]]]] = []
    offset = 100
    while offset < len(data):
        _number, words = struct.unpack(">ii", data[offset:offset + 8])
        content = data[offset + 8:offset + 8 + words * 2]
        offset += 8 + words * 2
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type == 0:
            shapes.append([])
            continue
        if shape_type not in (5, 15, 25):
            raise ValueError(f"shape type {shape_type} is not a polygon")
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", content[44:44 + 4 * parts_count]))
        base = 44 + 4 * parts_count
        points = [struct.unpack("<2d", content[base + 16 * i:base + 16 * i + 16]) for i in range(points_count)]
        bounds = parts + [points_count]
        shapes.append([points[bounds[i]:bounds[i + 1]] for i in range(parts_count)])
    return shapes


def signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, PRECISION), round(lat, PRECISION)]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def to_multipolygon(rings: list[list[tuple[float, float]]]) -> list[list[list[list[float]]]]:
    """Shapefile rings (outer clockwise, holes counter-clockwise) as GeoJSON polygons."""
    polygons: list[list[list[list[float]]]] = []
    for ring in rings:
        simple = simplify(ring)
        if len(simple) < 4:
            continue
        if signed_area(ring) <= 0 or not polygons:  # clockwise: an outer ring
            polygons.append([simple])
        else:
            polygons[-1].append(simple)
    return polygons


def build(wheel: str | Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        shapes = read_polygons(archive.read(MEMBER + ".shp"))
        rows = read_dbf(archive.read(MEMBER + ".dbf"))
    features = []
    for row, rings in zip(rows, shapes):
        polygons = to_multipolygon(rings)
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": row.get("name"), "iso_a3": row.get("iso_a3"), "continent": row.get("continent")},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com "
                       "(public domain); 1:110m admin 0 countries, via the geopandas 0.14 wheel.",
        "features": features,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    collection = build(argv[0])
    OUTPUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(collection['features'])} countries → {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
