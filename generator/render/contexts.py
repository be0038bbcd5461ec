"""The typed context of every page template.

A template receives the fields of one of these, spread into variables, plus
the helpers of `environment.py` (`link`, `url_for`, `target_url`, `labels`,
`doc_label` and the filters). docs/templates.md documents every field;
tests/test_contexts.py fails when a field is added here and not there.
Everything a template shows is computed before it is called: templates
format and link, they do not query the hub beyond looking a record up by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from generator.model.hub import Duty, Hub
from generator.model.records import Body, Document, Example, Indicator, Item, Locality, Target
from generator.site import SiteInfo, TocEntry

if TYPE_CHECKING:
    from generator.kinds.base import RecordKind
    from generator.tables import TableSummary


@dataclass(frozen=True)
class Paging:
    """Where a page sits in a paginated list: `number` of `count`, and every page's address."""

    number: int
    count: int
    urls: tuple[str, ...]


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet as a listing page offers it (generator/render/facets.py).

    `count`: how many records the listing would show with this value chosen (site-wide for a kind whose
    facets go one at a time; within the page's other choices where they combine). `url`: the listing it
    leads to; None when it is the page's own choice (`current`), would list the same records, or would take
    more choices at once than the kind allows (`over_limit`).
    """

    value: str
    label: str
    count: int
    url: str | None = None
    current: bool = False
    over_limit: bool = False


@dataclass(frozen=True)
class FacetGroup:
    """A facet of a listing and the values a page offers."""

    segment: str
    name: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Filter:
    """A choice a listing page is filtered by, and the listing without it (`remove_url`)."""

    segment: str
    name: str
    value: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class Context:
    """What every template receives."""

    title: str
    page_url: str
    hub: Hub
    site: SiteInfo


@dataclass(frozen=True)
class RecordContext(Context):
    """`<kind>.html`: one record's page (resources, examples, free pages, and any new kind)."""

    record: Any
    kind: RecordKind


@dataclass(frozen=True)
class ListingContext(Context):
    """`<kind>-list.html`: one page of a kind's listing, or of one facet value's listing."""

    items: Sequence[Any]
    paging: Paging
    facets: tuple[FacetGroup, ...]
    filters: tuple[Filter, ...]
    total: int
    base: str
    kind: RecordKind


@dataclass(frozen=True)
class OutlineStep:
    """One step through a document's items, in page order: an item opens (at its depth), or the last open one
    closes (`item` None). A flat list renders without recursion, which on a plan of 300 items is most of the
    page's cost. `level` is the heading level of an item shown as a heading (3 to 6), else 0."""

    item: Item | None
    depth: int
    level: int = 0


@dataclass(frozen=True)
class Related:
    """Documents in one relation to the page's document (`issued-with`, `issues`, `replaced-by`, ...)."""

    kind: str
    documents: Sequence[tuple[Document, str]]
    outside: Sequence[str]


@dataclass(frozen=True)
class DocumentContext(Context):
    """`document.html`: a document's page."""

    doc: Document
    outline: Sequence[OutlineStep]
    contents: Sequence[TocEntry]
    refs: dict[str, str]
    citation: str
    citation_full: str
    locality: Locality | None
    cited_by: Sequence[Document]
    cited_total: int
    duties: Sequence[tuple[Body, Sequence[Item]]]
    relations: Sequence[Related]
    verbatim_targets: bool


@dataclass(frozen=True)
class CitingContext(Context):
    """`citing.html`: every document that cites one, when there are too many for its page."""

    doc: Document
    items: Sequence[Document]
    paging: Paging


@dataclass(frozen=True)
class BodyContext(Context):
    """`body.html`: a body, its duties per document (paginated), what it issued, its units."""

    body: Body
    items: Sequence[tuple[str, Document, Sequence[Duty]]]
    paging: Paging
    targets: Sequence[Target]
    role_counts: Sequence[tuple[str, int]]
    issued: Sequence[Document]
    issued_total: int
    children: Sequence[Body]
    parent: Body | None
    locality: Locality | None
    calendar: str


@dataclass(frozen=True)
class LocalityContext(Context):
    """`locality.html`: a place, its documents (paginated) and their targets, its examples and sub-units."""

    locality: Locality
    items: Sequence[Document]
    paging: Paging
    targets: Sequence[Target]
    examples: Sequence[Example]
    examples_total: int
    children: Sequence[Locality]
    parent: Locality | None


@dataclass(frozen=True)
class IndicatorRow:
    """One row of an indicator's table: a target, its document and the place it applies to."""

    target: Target
    doc: Document
    place: str


@dataclass(frozen=True)
class IndicatorContext(Context):
    """`indicator.html`: an indicator, its chart and its targets across documents (paginated)."""

    indicator: Indicator
    items: Sequence[IndicatorRow]
    paging: Paging
    chart: str
    scopes: Sequence[str]
    reported: bool = False


@dataclass(frozen=True)
class HomeContext(Context):
    """`home.html`: the home page."""

    latest: Sequence[Document]
    national: Document | None
    key_targets: Sequence[Target]
    counts: dict[str, int]


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline as the page lists it: when (as precise as the document is), what, whose, from which document."""

    when: str  # "15/12/2023", "tháng 6/2025", "năm 2025"
    precision: str  # day, month, year
    what: str
    recurring: str  # "hằng năm", ... or ""
    doc: Document
    bodies: tuple[str, ...]  # body ids in the hub
    past: bool = False  # over on the content's date (a recurring one: after its period's last occurrence)
    next: str = ""  # a recurring deadline's next occurrence, when it is not the first


@dataclass(frozen=True)
class DeadlinesContext(Context):
    """`deadlines.html`: the "Sắp đến hạn" page, every deadline of every document, by date and by body."""

    upcoming: Sequence[DeadlineRow]
    by_date: Sequence[tuple[int, Sequence[DeadlineRow]]]
    by_body: Sequence[tuple[Any, Sequence[DeadlineRow], str]]
    calendar: str
    undated: int
    day: str


@dataclass(frozen=True)
class AboutContext(Context):
    """`about.html`: about the hub, with the free pages."""

    pages: Sequence[Any]


@dataclass(frozen=True)
class DataContext(Context):
    """`data.html`: the download tables and their columns."""

    tables: Sequence[TableSummary]
    changed: dict[str, Any]
