"""The build-time SVG line chart.

A chart is published on every indicator page: it must parse as XML whatever
the content says, name itself for assistive technology, keep series apart
without colour, and be byte-identical between builds.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts import (
    NO_DATA,
    PALETTE,
    SHAPES,
    Series,
    fmt,
    legend_layout,
    line_chart,
    style,
    y_scale,
)

NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"

NATIONAL = Series("Toàn quốc (QĐ 1373/QĐ-TTg)", ((2025, 70.0), (2021, 50.0), (2030, 90.0)))
THAI_NGUYEN = Series("tỉnh Thái Nguyên (KH 104/KH-UBND)", ((2022, 60.0), (2025, 75.5)))
ACTUAL = Series("tỉnh Thái Nguyên — thực hiện", ((2022, 58.0), (2023, None), (2024, 63.2)), kind="actual")


def chart(series=(NATIONAL, THAI_NGUYEN, ACTUAL), **kw) -> str:
    args = {"title": "Tỷ lệ người được trang bị năng lực thông tin", "desc": "Chỉ tiêu theo năm",
            "unit": "percent", "chart_id": "chi-so-a1"} | kw
    return line_chart(list(series), **args)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, group: str) -> list[str]:
    """Visible text of one labelled group (y-axis, x-axis, legend)."""
    g = root.find(f".//s:g[@class='{group}']", NS)
    assert g is not None, group
    return ["".join(t.itertext()) if t.find("s:title", NS) is None else t[0].tail or ""
            for t in g.iter(f"{S}text")]


def series_groups(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//s:g[@class='series']", NS)


def markers(group: ET.Element) -> list[ET.Element]:
    return [el for el in group if el.tag in (f"{S}circle", f"{S}polygon")]


# --- escaping and XML validity ----------------------------------------------

def test_script_in_label_is_escaped_and_output_parses():
    evil = Series('<script>alert("x")</script> & co', ((2025, 50.0),))
    svg = chart([evil], title="a < b & c", desc='"quoted" > desc')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find("s:title", NS).text == "a < b & c"
    assert root.find("s:desc", NS).text == '"quoted" > desc'
    assert texts(root, "legend") == ['<script>alert("x")</script> & co']
    assert root.find(".//s:g[@class='series']/s:circle/s:title", NS).text.startswith("<script>")


def test_characters_xml_forbids_are_dropped_so_output_still_parses():
    svg = chart([Series("a\x00b\x0bc\ud800d", ((2025, 1.0),))], title="t\x1f", desc="d")
    root = parse(svg)
    assert texts(root, "legend") == ["abcd"]
    assert root.find("s:title", NS).text == "t"


def test_every_output_parses():
    for svg in (chart(), chart([]), chart([Series("x", ((2025, 5.0),))], unit="count")):
        parse(svg)


def test_decomposed_vietnamese_is_normalized():
    nfd = "Tha\u0301i Nguye\u0302n"
    assert texts(parse(chart([Series(nfd, ((2025, 1.0),))])), "legend") == ["Thái Nguyên"]


# --- accessibility ---------------------------------------------------------

def test_aria_labelledby_names_title_and_desc_that_exist():
    for svg in (chart(), chart([])):
        root = parse(svg)
        assert root.get("role") == "img"
        ids = root.get("aria-labelledby").split()
        assert ids == ["chi-so-a1-title", "chi-so-a1-desc"]
        found = {el.get("id"): el.tag for el in root.iter() if el.get("id")}
        assert found == {"chi-so-a1-title": f"{S}title", "chi-so-a1-desc": f"{S}desc"}
        assert root[0].tag == f"{S}title"  # first child: the SVG accessible name


def test_responsive_without_fixed_pixel_size():
    root = parse(chart())
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 640 \d+", root.get("viewBox"))


def test_axes_and_text_use_current_color():
    svg = chart()
    root = parse(svg)
    assert root.get("fill") == "currentColor"
    assert root.find(".//s:g[@class='grid']", NS).get("stroke") == "currentColor"
    assert "<style" not in svg and "@font-face" not in svg and "<script" not in svg


@pytest.mark.parametrize("bad", ["", "1abc", "a b", 'a"b', "a<b"])
def test_chart_id_must_be_usable_in_aria_labelledby(bad):
    with pytest.raises(ValueError):
        chart(chart_id=bad)


def test_unknown_unit_or_kind_is_refused():
    with pytest.raises(ValueError):
        chart(unit="<b>")
    with pytest.raises(ValueError):
        chart([Series("x", ((2025, 1.0),), kind="forecast")])


# --- axes ------------------------------------------------------------------

def test_percent_axis_is_0_to_100_by_20():
    root = parse(chart())
    assert texts(root, "y-axis") == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert len(root.find(".//s:g[@class='grid']", NS)) == 6


def test_percent_above_100_extends_axis_instead_of_drawing_off_plot():
    assert y_scale("percent", 0) == (100, 20)
    assert y_scale("percent", 100) == (100, 20)
    assert y_scale("percent", 105) == (120, 20)


@pytest.mark.parametrize("vmax, expected", [
    (0, (1, 1)), (1, (1, 1)), (3, (3, 1)), (5, (5, 1)), (7, (8, 2)), (10, (10, 2)),
    (23, (25, 5)), (137, (150, 50)), (1000, (1000, 200)), (1001, (1500, 500)), (0.4, (1, 1)),
])
def test_count_axis_nice_max(vmax, expected):
    assert y_scale("count", vmax) == expected


def test_count_axis_in_chart():
    svg = chart([Series("Số trung tâm học tập cộng đồng", ((2021, 137), (2025, 120)))], unit="count")
    assert texts(parse(svg), "y-axis") == ["0", "50", "100", "150"]


def test_years_are_integers_from_min_to_max_across_series():
    assert texts(parse(chart()), "x-axis") == [str(y) for y in range(2021, 2031)]


def test_long_year_span_labels_fewer_years():
    labels = texts(parse(chart([Series("x", ((1990, 1.0), (2030, 2.0)))])), "x-axis")
    assert labels[0] == "1990" and len(labels) < 41
    assert all(b - a == int(labels[1]) - int(labels[0]) for a, b in zip(map(int, labels), map(int, labels[1:])))


# --- series, markers, legend -----------------------------------------------

def test_marker_shapes_differ_between_first_four_series():
    same_point = [Series(f"s{i}", ((2025, 50.0),)) for i in range(4)]
    drawn = [markers(g)[0] for g in series_groups(parse(chart(same_point)))]
    signatures = {(el.tag, el.get("points")) for el in drawn}
    assert len(signatures) == 4
    assert len({SHAPES[style(i)[1]][0] for i in range(4)}) == 4


def test_colours_come_from_palette_and_cycle_with_shape_shifted():
    assert [style(i)[0] for i in range(len(PALETTE))] == list(PALETTE)
    assert len({style(i) for i in range(64)}) == 64  # colour + shape pairs stay unique


def test_target_dashed_hollow_actual_solid_filled():
    root = parse(chart())
    target, _, actual = series_groups(root)
    assert target.find("s:polyline", NS).get("stroke-dasharray")
    assert all(m.get("fill") == "none" for m in markers(target))
    assert actual.find("s:polyline", NS).get("stroke-dasharray") is None
    assert all(m.get("fill") == actual.get("stroke") for m in markers(actual))


def test_legend_lists_every_label_with_its_line_style_and_marker():
    root = parse(chart())
    assert texts(root, "legend") == [NATIONAL.label, THAI_NGUYEN.label, ACTUAL.label]
    swatches = root.findall(".//s:g[@class='legend']/s:g", NS)
    assert [bool(g.find("s:line", NS).get("stroke-dasharray")) for g in swatches] == [True, True, False]
    plot_shapes = [markers(g)[0].tag for g in series_groups(root)]
    assert [markers(g)[0].tag for g in swatches] == plot_shapes


def test_legend_wraps_and_svg_grows_to_fit():
    few = parse(chart([NATIONAL]))
    many = [Series(f"huyện thứ {i} của tỉnh Thái Nguyên (KH 104/KH-UBND)", ((2025, i),)) for i in range(12)]
    root = parse(chart(many))
    rows = {t.get("y") for t in root.findall(".//s:g[@class='legend']/s:text", NS)}
    assert len(rows) > 1
    grown = int(root.get("viewBox").split()[3])
    assert grown > int(few.get("viewBox").split()[3])
    assert max(float(y) for y in rows) < grown


def test_legend_items_stay_inside_width_and_long_labels_are_cut_with_full_title():
    items, rows = legend_layout(["ngắn", "x" * 300, "ngắn"], 640)
    assert rows == 3
    assert items[1][2].endswith("…") and len(items[1][2]) < 300
    assert all(x + 36 + len(text) * 0.6 * 18 <= 640 for x, _, text in items)
    root = parse(chart([Series("x" * 300, ((2025, 1.0),))]))
    text = root.find(".//s:g[@class='legend']/s:text", NS)
    assert text.find("s:title", NS).text == "x" * 300


def test_each_point_has_a_tooltip():
    root = parse(chart())
    tips = [m.find("s:title", NS).text for g in series_groups(root) for m in markers(g)]
    assert "Toàn quốc (QĐ 1373/QĐ-TTg) — 2021: 50%" in tips
    assert "tỉnh Thái Nguyên (KH 104/KH-UBND) — 2025: 75.5%" in tips
    assert "tỉnh Thái Nguyên — thực hiện — 2024: 63.2%" in tips
    assert len(tips) == 3 + 2 + 2  # the None value is skipped


def test_count_tooltip_has_no_percent_sign():
    root = parse(chart([Series("Số", ((2025, 12),))], unit="count"))
    assert root.find(".//s:g[@class='series']/s:circle/s:title", NS).text == "Số — 2025: 12"


def test_non_finite_values_are_skipped():
    root = parse(chart([Series("x", ((2021, float("nan")), (2022, float("inf")), (2023, 5.0)))]))
    assert texts(root, "x-axis") == ["2023"]
    assert "nan" not in ET.tostring(root, encoding="unicode")


# --- determinism -----------------------------------------------------------

def test_same_input_gives_identical_output():
    assert chart() == chart()


def test_point_order_does_not_matter():
    shuffled = Series(NATIONAL.label, tuple(reversed(NATIONAL.points)))
    assert chart([NATIONAL]) == chart([shuffled])


@pytest.mark.parametrize("value, text", [
    (85.0, "85"), (85.25, "85.2"), (75.5, "75.5"), (0.0, "0"), (-0.04, "0"), (100, "100"), (12.96, "13"),
])
def test_number_format(value, text):
    assert fmt(value) == text


def test_coordinates_have_one_trimmed_decimal():
    root = parse(chart())
    numbers = [n for el in root.iter() for key in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points")
               for n in re.split(r"[ ,]", el.get(key, "")) if n]
    assert numbers and all(re.fullmatch(r"-?\d+(\.[1-9])?", n) for n in numbers)


# --- single point and empty ------------------------------------------------

def test_single_point_renders_a_marker_and_no_line():
    root = parse(chart([Series("Một điểm", ((2025, 42.0),))]))
    (group,) = series_groups(root)
    assert group.find("s:polyline", NS) is None
    (m,) = markers(group)
    assert float(m.get("cx")) == pytest.approx(float(root.get("viewBox").split()[2]) / 2, abs=40)
    assert texts(root, "x-axis") == ["2025"]


def test_single_year_across_several_series():
    series = [Series("a", ((2025, 40.0),)), Series("b", ((2025, 60.0),), "actual")]
    root = parse(chart(series))
    assert texts(root, "x-axis") == ["2025"]
    xs = {markers(g)[0].get("cx") or markers(g)[0].get("points") for g in series_groups(root)}
    assert len(xs) == 2


@pytest.mark.parametrize("series", [[], [Series("Chỉ tiêu chưa có", ())],
                                    [Series("Toàn None", ((2025, None),))]])
def test_no_data_says_so(series):
    root = parse(chart(series))
    visible = "".join(t.text or "" for t in root.iter(f"{S}text"))
    assert visible == NO_DATA == "Chưa có số liệu"
    assert NO_DATA in root.find("s:desc", NS).text
    assert root.get("role") == "img" and root.get("width") == "100%"


def test_page_chart_is_wide_and_narrow_with_unique_ids():
    from generator.charts import responsive_chart
    series = [Series("Tỉnh A — chỉ tiêu", ((2022, 50.0), (2025, 60.0), (2030, 70.0)))]
    out = responsive_chart(series, title="T", desc="D", unit="percent", chart_id="chart-x")
    svgs = [parse(part) for part in out.split("\n<svg")[0:1]] + [parse("<svg" + part) for part in out.split("\n<svg")[1:]]
    assert [svg.get("class") for svg in svgs] == ["xhht-chart-wide", "xhht-chart-narrow"]
    ids = [el.get("id") for svg in svgs for el in svg.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) == 4


def test_few_years_give_one_compact_chart():
    from generator.charts import responsive_chart
    series = [Series("Tỉnh A — chỉ tiêu", ((2025, 60.0),))]
    out = responsive_chart(series, title="T", desc="D", unit="percent", chart_id="chart-x")
    svg = parse(out)
    assert svg.get("class") == "xhht-chart-compact"
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert width <= 420 and height < 300  # a single point no longer takes 500 px
