"""The offline map: TopoJSON decoding on hand-written topologies, the projection, and the
vendored world outlines."""

from __future__ import annotations

import pytest

from dateline.web.worldmap import HEIGHT, SCALE, WIDTH, decode_topology, project, world_map


def topology(arcs, geometries, scale=(1.0, 1.0), translate=(0.0, 0.0)):
    return {"type": "Topology", "transform": {"scale": list(scale), "translate": list(translate)},
            "arcs": arcs, "objects": {"countries": {"type": "GeometryCollection",
                                                    "geometries": geometries}}}


def square(name="France", code="250", arcs=((0,),)):
    return {"type": "Polygon", "arcs": [list(a) for a in arcs], "id": code,
            "properties": {"name": name}}


def test_worldmap_decodes_delta_encoded_arcs_into_a_closed_path():
    # One arc, delta-encoded: (0,0) (10,0) (10,10) (0,10) (0,0) in degrees.
    world = decode_topology(topology([[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
                                     [square()]))
    (france,) = world.countries
    assert (france.code, france.name) == ("FR", "France")
    x0, y0 = project(0, 0)
    step = 10 * SCALE
    assert france.path.startswith(f"M{x0:g} {y0:g}l")
    assert france.path.endswith("z")
    moves = france.path[france.path.index("l") + 1:-1].split()
    pairs = [(float(moves[i]), float(moves[i + 1])) for i in range(0, len(moves), 2)]
    assert pairs == [(pytest.approx(step, abs=0.1), 0), (0, pytest.approx(-step, abs=0.1)),
                     (pytest.approx(-step, abs=0.1), 0), (0, pytest.approx(step, abs=0.1))]


def test_worldmap_stitches_rings_from_reversed_arcs():
    # The square from two arcs: the second is stored backwards and used as ~1.
    arcs = [[[0, 0], [10, 0], [0, 10]], [[0, 0], [0, 10], [10, 0]]]
    quantized = topology(arcs, [square(arcs=((0, ~1),))])
    single = topology([[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]], [square()])
    assert decode_topology(quantized).countries[0].path == \
        decode_topology(single).countries[0].path


def test_worldmap_applies_the_quantization_transform():
    world = decode_topology(topology([[[0, 0], [100, 0], [0, 100], [-100, -100]]], [square()],
                                     scale=(0.1, 0.1), translate=(20.0, 40.0)))
    x, y = project(40.0, 20.0)
    assert world.countries[0].path.startswith(f"M{x:g} {y:g}l")


def test_worldmap_draws_rings_across_the_antimeridian_twice_not_across_the_map():
    # A ring from 170°E to 170°W, stored as the data has it: jumping from 180 to -180 and back.
    # It is drawn east of 180° and again west of -180°, never as a line across the map.
    ring = [[170, 60], [10, 0], [-360, 0], [10, 0], [0, 5], [-10, 0], [360, 0], [-10, 0],
            [0, -5]]
    world = decode_topology(topology([ring], [square(name="Russia", code="643")]))
    (russia,) = world.countries
    assert russia.path.count("M") == 2
    starts = [float(part.split()[0]) for part in russia.path.split("M")[1:]]
    assert starts == [project(60, 170)[0], project(60, 170 - 360)[0]]


def test_worldmap_skips_shapes_without_a_country_code_and_antarctica():
    arc = [[[0, 0], [10, 0], [0, 10], [-10, -10]]]
    world = decode_topology(topology(arc, [square(name="Nowhere", code="999"),
                                           square(name="Antarctica", code="010"),
                                           square(name="Kosovo", code=None)]))
    assert [c.code for c in world.countries] == ["XK"]


@pytest.mark.parametrize(("lat", "lon", "xy"), [
    (0, 0, (WIDTH / 2, round(84 * SCALE, 1))),
    (84, -180, (0, 0)),
    (-58, 180, (WIDTH, HEIGHT)),
    (-80, 0, (WIDTH / 2, HEIGHT)),   # below the cut: on the bottom edge
])
def test_worldmap_projection(lat, lon, xy):
    assert project(lat, lon) == pytest.approx(xy, abs=0.1)


def test_worldmap_vendored_outlines_cover_the_countries_news_names():
    world = world_map()
    codes = {c.code for c in world.countries}
    assert {"HU", "RS", "MM", "JM", "XK", "PS", "IR", "IQ", "UA", "US", "IT", "FR"} <= codes
    assert "AQ" not in codes and len(codes) > 160
    assert all(c.path.startswith("M") and c.path.endswith("z") for c in world.countries)
    assert world is world_map()  # decoded once per process
