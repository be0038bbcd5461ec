"""The model stage: dates as the site prints them, and the indexes no editor types.

Backlinks, each body's duties, each indicator's targets and each locality's
documents are derived from the documents; if one goes wrong a page on the
site silently misses an entry, so each is checked on a small known tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Hub, PartialDate
from generator.pipeline import load_hub

# A second plan laid over the base tree: it cites both base documents (one of
# them twice), nests items and targets, and lists targets out of year order.
SECOND_PLAN = """\
id: kh-3-ubnd-mau-2023
type: ke-hoach
number: 3/KH-UBND
title: Triển khai Kế hoạch số 2/KH-UBND năm 2023
issuer:
  body: ubnd-tinh-mau
  name: ỦY BAN NHÂN DÂN TỈNH MẪU
  level: tinh
locality: tinh-mau
date: "2023-01-15"
period:
  from: 2023
  to: 2030
legal_bases:
  - kind: can-cu
    text: Quyết định số 1/QĐ-TTg
    document: qd-1-ttg-2021
  - kind: thuc-hien
    text: Kế hoạch số 2/KH-UBND
    document: kh-2-ubnd-mau-2022
  - kind: khac
    text: Quyết định số 1/QĐ-TTg (nhắc lại)
    document: qd-1-ttg-2021
sections:
  - label: I.
    heading: MỤC TIÊU
    items:
      - label: a)
        text: Đến năm 2030, 95% hộ gia đình đạt danh hiệu; năm 2024 đạt 92%.
        targets:
          - id: mau-2023-gdht-2030
            indicator: gia-dinh-hoc-tap
            value: 95
            unit: percent
            year: 2030
          - id: mau-2023-gdht-2024
            indicator: gia-dinh-hoc-tap
            value: 92
            unit: percent
            year: 2024
        items:
          - label: "-"
            text: Riêng các huyện miền núi.
            targets:
              - id: mau-2023-gdht-mien-nui-2025
                text: Các huyện miền núi đạt trên 80%.
                indicator: gia-dinh-hoc-tap
                value: 80
                comparator: ">"
                unit: percent
                year: 2025
  - label: II.
    heading: TỔ CHỨC THỰC HIỆN
    items:
      - label: "1."
        text: Đề nghị Ủy ban nhân dân tỉnh phối hợp.
        bodies: [ubnd-tinh-mau, so-gddt-tinh-mau]
        responsibility: requested
        items:
          - label: a)
            text: Sở Giáo dục và Đào tạo tổng hợp báo cáo.
            bodies: [so-gddt-tinh-mau]
source:
  file: mau-3.txt
"""


@pytest.fixture
def hub(base_tree: Path) -> Hub:
    """The base tree plus SECOND_PLAN, built into a hub (which requires it to be valid)."""
    (base_tree / "plans" / "kh-3-ubnd-mau-2023.yml").write_text(SECOND_PLAN, encoding="utf-8")
    result = load_hub(base_tree, jobs=1)
    assert [p.format() for p in result.problems] == []
    assert result.hub is not None
    return result.hub


# --- PartialDate -------------------------------------------------------------

def test_full_date_prints_as_vietnamese_documents_write_it():
    """Day with two digits, month without a leading zero: `04/7/2022`."""
    date = PartialDate.parse("2022-07-04")
    assert date == PartialDate(2022, 7, 4)
    assert date.is_full
    assert date.iso() == "2022-07-04"
    assert date.vietnamese() == "04/7/2022"


def test_two_digit_month_is_kept():
    assert PartialDate.parse("2021-12-31").vietnamese() == "31/12/2021"


def test_year_only_date_prints_as_the_year():
    """Some documents give only the year; the site must not invent a day."""
    date = PartialDate.parse("2024")
    assert date == PartialDate(2024)
    assert not date.is_full
    assert date.iso() == "2024"
    assert date.vietnamese() == "năm 2024"


def test_month_only_date_keeps_its_month_and_no_day():
    """"tháng 12/2021": a plan dated to the month (issue 9) keeps the month, and no day is invented."""
    date = PartialDate.parse("2021-12")
    assert date == PartialDate(2021, 12) and not date.is_full
    assert (date.iso(), date.vietnamese(), date.precision) == ("2021-12", "tháng 12/2021", "month")
    assert PartialDate(2021).key() < date.key() < PartialDate(2021, 12, 1).key()
    assert (PartialDate(2024).precision, PartialDate(2022, 7, 4).precision) == ("year", "day")


def test_missing_date_stays_missing():
    assert PartialDate.parse(None) is None


# --- derived indexes -------------------------------------------------------------

def test_base_tree_backlink(base_tree: Path):
    """The plan cites the decision, so the decision's page lists the plan."""
    hub = load_hub(base_tree, jobs=1).hub
    assert hub is not None
    assert hub.cited_by["qd-1-ttg-2021"] == ["kh-2-ubnd-mau-2022"]


def test_backlinks_list_each_citing_document_once_newest_first(hub: Hub):
    """As the document's page lists them: the newest citing document first, each once."""
    assert hub.cited_by["qd-1-ttg-2021"] == ["kh-3-ubnd-mau-2023", "kh-2-ubnd-mau-2022"]
    assert hub.cited_by["kh-2-ubnd-mau-2022"] == ["kh-3-ubnd-mau-2023"]
    assert "kh-3-ubnd-mau-2023" not in hub.cited_by


def test_duties_of_a_body_across_documents_and_depths(hub: Hub):
    """Every item naming the body, nested ones included; no responsibility means assigned.

    Newest document first (as the body's page shows them), items in document order.
    """
    duties = [(d.document_id, d.item.text, d.responsibility) for d in hub.duties["so-gddt-tinh-mau"]]
    assert duties == [
        ("kh-3-ubnd-mau-2023", "Đề nghị Ủy ban nhân dân tỉnh phối hợp.", "requested"),
        ("kh-3-ubnd-mau-2023", "Sở Giáo dục và Đào tạo tổng hợp báo cáo.", "assigned"),
        ("kh-2-ubnd-mau-2022", "Chủ trì, tham mưu triển khai Kế hoạch.", "assigned"),
    ]
    assert all(d.body_id == "so-gddt-tinh-mau" for d in hub.duties["so-gddt-tinh-mau"])
    assert [d.responsibility for d in hub.duties["ubnd-tinh-mau"]] == ["requested"]


def test_targets_by_indicator_are_ordered_by_year_then_document(hub: Hub):
    """The indicator page is a timeline: earliest year first, whatever the document order."""
    ids = [t.id for t in hub.targets_by_indicator["gia-dinh-hoc-tap"]]
    assert ids == ["mau-2023-gdht-2024", "mau-2022-gdht-2025", "mau-2023-gdht-mien-nui-2025",
                   "mau-2023-gdht-2030"]


def test_documents_by_locality(hub: Hub):
    """Newest first; documents without a locality (the national decision) are on no locality's page."""
    assert hub.documents_of("tinh-mau") == ["kh-3-ubnd-mau-2023", "kh-2-ubnd-mau-2022"]
    assert not any(key[:2] == ("document", "locality") and "qd-1-ttg-2021" in ids
                   for key, ids in hub.referrers.items())


def test_document_targets_are_in_document_order(hub: Hub):
    """A document's page lists its targets as the document does, nested ones after their parent's."""
    assert [t.id for t in hub.documents["kh-3-ubnd-mau-2023"].targets] == [
        "mau-2023-gdht-2030", "mau-2023-gdht-2024", "mau-2023-gdht-mien-nui-2025"]
    assert set(hub.targets) == {t.id for d in hub.documents.values() for t in d.targets}


def test_target_text_defaults_to_its_item_text(hub: Hub):
    """Editors write a target's own text only when it differs from the item's."""
    item_text = "Đến năm 2030, 95% hộ gia đình đạt danh hiệu; năm 2024 đạt 92%."
    assert hub.targets["mau-2023-gdht-2030"].text == item_text
    assert hub.targets["mau-2023-gdht-2024"].text == item_text
    own = hub.targets["mau-2023-gdht-mien-nui-2025"]
    assert own.text == "Các huyện miền núi đạt trên 80%."
    assert (own.comparator, own.value, own.document_id) == (">", 80, "kh-3-ubnd-mau-2023")
    assert hub.targets["mau-2023-gdht-2024"].comparator == "="


def test_document_dates_are_partial_dates(hub: Hub):
    assert hub.documents["kh-2-ubnd-mau-2022"].date.vietnamese() == "04/7/2022"
    assert hub.documents["kh-2-ubnd-mau-2022"].deadlines[0].date.vietnamese() == "20/11/2022"


# --- the preview's incremental update of the indexes ------------------------------------

def _derived(hub: Hub) -> tuple:
    return (hub.targets, hub.cited_by,
            {b: [(d.document_id, d.item.anchor, d.role) for d in ds] for b, ds in hub.duties.items()},
            {d: [(b, [i.anchor for i in items]) for b, items in v] for d, v in hub.duties_by_document.items()},
            {i: [t.id for t in ts] for i, ts in hub.targets_by_indicator.items()}, hub.referrers, hub.ordered,
            hub.related)


#: A third plan, there before the edits: it is issued with the base plan too, so the edited plan's relation to the
#: base plan must join this one in the base plan's list (newest first) rather than replace it.
THIRD_PLAN = SECOND_PLAN.replace("kh-3-ubnd-mau-2023", "kh-5-ubnd-mau-2022").replace("mau-2023-", "mau-2022b-").replace(
    'date: "2023-01-15"', 'date: "2022-09-01"').replace("legal_bases:", "relations:\n  - kind: issued-with\n"
                                                                        "    document: kh-2-ubnd-mau-2022\nlegal_bases:")

RELATED = {
    # the edited plan states that it is issued with the base plan, then amends the decision instead
    "relate": ("    document: qd-1-ttg-2021\nlegal_bases:",
               "    document: qd-1-ttg-2021\n  - kind: issued-with\n    document: kh-2-ubnd-mau-2022\nlegal_bases:"),
    "unrelate": ("relations:\n  - kind: amends\n    document: qd-1-ttg-2021\n", ""),
    "roles": ("bodies: [so-gddt-tinh-mau]", "bodies: [{body: so-gddt-tinh-mau, role: bao-cao}]"),
}


@pytest.mark.parametrize("edit", ["retitle", "recite", "move", "remove", "add", "relate", "unrelate", "roles",
                                  "redate"])
def test_updating_the_indexes_for_changed_documents_equals_deriving_them_again(base_tree: Path, edit: str):
    from generator import kinds
    from generator.model.hub import with_documents_changed

    related = SECOND_PLAN.replace("legal_bases:", "relations:\n  - kind: amends\n    document: qd-1-ttg-2021\n"
                                                  "legal_bases:")
    (base_tree / "plans" / "kh-3-ubnd-mau-2023.yml").write_text(related, encoding="utf-8")
    (base_tree / "plans" / "kh-5-ubnd-mau-2022.yml").write_text(THIRD_PLAN, encoding="utf-8")
    before = load_hub(base_tree, jobs=1).hub
    assert before is not None and before.related["kh-2-ubnd-mau-2022"] == [("issues", "kh-5-ubnd-mau-2022")]
    plan = base_tree / "plans" / "kh-3-ubnd-mau-2023.yml"
    changed = {"kh-3-ubnd-mau-2023"}
    if edit in RELATED:
        old, new = RELATED[edit]
        assert related.count(old) == 1
        plan.write_text(related.replace(old, new), encoding="utf-8")
    elif edit == "redate":
        # its date moves it before the third plan in the lists of the documents it is related to
        plan.write_text(related.replace('date: "2023-01-15"', 'date: "2022-01-15"').replace(RELATED["relate"][0],
                                                                                              RELATED["relate"][1]),
                        encoding="utf-8")
    elif edit == "retitle":
        plan.write_text(SECOND_PLAN.replace("Triển khai Kế hoạch", "Thực hiện Kế hoạch"), encoding="utf-8")
    elif edit == "recite":
        plan.write_text(SECOND_PLAN.replace("    document: kh-2-ubnd-mau-2022\n", ""), encoding="utf-8")
    elif edit == "move":
        plan.write_text(SECOND_PLAN.replace('date: "2023-01-15"', 'date: "2021-01-15"')
                        .replace("bodies: [so-gddt-tinh-mau]", "bodies: [ubnd-tinh-mau]"), encoding="utf-8")
    elif edit == "remove":
        plan.unlink()
    else:
        (base_tree / "plans" / "kh-4-ubnd-mau-2024.yml").write_text(
            related.replace("kh-3-ubnd-mau-2023", "kh-4-ubnd-mau-2024").replace("mau-2023-", "mau-2024-")
            .replace('date: "2023-01-15"', 'date: "2024-01-15"'), encoding="utf-8")
        changed = {"kh-4-ubnd-mau-2024"}
    after = load_hub(base_tree, jobs=1).hub
    if edit in ("relate", "redate"):
        newest_first = ["kh-3-ubnd-mau-2023", "kh-5-ubnd-mau-2022"][::1 if edit == "relate" else -1]
        assert after.related["kh-2-ubnd-mau-2022"] == [("issues", i) for i in newest_first]
    documents = kinds.get("document")
    updated = with_documents_changed(before, after.records, changed, documents.indexed, documents.order)
    assert _derived(updated) == _derived(after)


def test_after_the_model_the_facts_say_only_which_record_each_file_holds(base_tree: Path):
    """load_hub keeps of the checks' facts what the history reads (kind, id, path); their ids, links and contacts,
    hundreds of megabytes for a large hub, are let go before the model is built."""
    from generator.pipeline import check

    checked = check(base_tree, jobs=1)
    loaded = load_hub(base_tree, jobs=1)
    assert [(f.kind, f.id, f.path) for f in loaded.facts] == [(f.kind, f.id, f.path) for f in checked.facts]
    assert any(f.defines and f.links for f in checked.facts)
    assert not any(f.defines or f.links or f.contacts or f.official for f in loaded.facts)


def test_repeated_words_are_one_object_across_the_hub(hub: Hub):
    """The model shares what decoding would copy per occurrence: each target's document id and (when it has no words
    of its own) its item's text, and short words such as a unit or an anchor across documents."""
    from generator.model import iter_items

    targets = [(doc, item, t) for doc in hub.documents.values() for item in iter_items(doc.sections) for t in item.targets]
    assert len({doc.id for doc, _, _ in targets}) > 1
    assert all(t.document_id is doc.id for doc, _, t in targets)
    assert all(t.text is item.text for _, item, t in targets if t.text == item.text)
    units = {}
    for _, _, t in targets:
        assert units.setdefault(t.unit, t.unit) is t.unit
    anchors = {}
    for doc in hub.documents.values():
        for item in iter_items(doc.sections):
            assert anchors.setdefault(item.anchor, item.anchor) is item.anchor


def test_memory_freed_by_the_model_stage_goes_back_to_the_system():
    """give_back_memory (glibc's malloc_trim): the pages of freed records' bytes (tens of kilobytes each, from the C
    heap) are returned, not kept beside the model for the rest of the build."""
    import ctypes.util

    from generator.pipeline import give_back_memory

    if not ctypes.util.find_library("c") or not Path("/proc/self/statm").exists():
        pytest.skip("glibc and /proc only")

    def resident() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1]) * 4096

    blobs = [bytes([n % 251]) * 30_000 for n in range(6000)]  # about 180 MB in the C heap, as records' bytes are
    keep = blobs[-1:]
    before = resident()
    del blobs
    give_back_memory()
    assert before - resident() > 100 * 2**20
    assert keep
