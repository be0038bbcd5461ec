"""What a record kind declares, in one place.

A kind is a class whose attributes are its declaration (where its files
live, its schema, its address, its facets, its typed struct, what of it is
indexed) and whose methods are what it contributes to each stage: pages,
search entries, download tables. Defaults serve a simple kind: a new kind
with a schema, a struct and two templates (`<name>.html` for a record,
`<name>-list.html` for its listing) needs nothing else; see
tests/test_kinds.py, which adds a toy kind that way.

Stages never name kinds: sources, links, validation, model, render, index,
export, scaffold and cli iterate `generator.kinds.REGISTRY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, Sequence

from generator.collation import vietnamese_key
from generator.schemas import SCHEMA_DIR

if TYPE_CHECKING:
    from generator.entries import Entry
    from generator.model.hub import Hub
    from generator.site import PageJob, SiteInfo
    from generator.tables import Table


@dataclass(frozen=True)
class Facet:
    """A way to filter a kind's listing, published as static pages `<section>/<segment>/<value>/`.

    `values(record, hub)` gives the (code, label) pairs a record is listed under.
    """

    segment: str
    name: str
    values: Callable[[Any, Hub], Iterable[tuple[str, str]]]
    newest_first: bool = False


def field_facet(segment: str, name: str, field_name: str, table: dict[str, str]) -> Facet:
    """A facet over a coded field (a code or a tuple of codes), labelled by `table`."""
    def values(record: Any, hub: Hub) -> list[tuple[str, str]]:
        raw = getattr(record, field_name)
        codes = raw if isinstance(raw, tuple) else (raw,) if raw is not None else ()
        return [(code, table.get(code, code)) for code in codes]
    return Facet(segment, name, values)


def locality_facet(segment: str = "dia-ban", name: str = "Địa bàn", field_name: str = "locality") -> Facet:
    """A facet over the locality a record names."""
    def values(record: Any, hub: Hub) -> list[tuple[str, str]]:
        locality = hub.localities.get(getattr(record, field_name) or "")
        return [(locality.id, locality.name)] if locality else []
    return Facet(segment, name, values)


class RecordKind:
    """The declaration of one kind of record. Subclass, set the attributes, override what differs."""

    #: internal name, also the schema's file name (`<name>.schema.json`) and the template's
    name: ClassVar[str]
    #: Vietnamese name, for messages and the site ("văn bản")
    label: ClassVar[str]
    #: folder of its files, relative to the content root
    folder: ClassVar[str]
    #: first segment of its pages' addresses: part of every published link, never changes
    section: ClassVar[str]
    #: the typed struct a valid record becomes (generator/model/records.py)
    struct: ClassVar[type]
    #: listing title and description; None: the kind has no listing page
    listing: ClassVar[tuple[str, str] | None] = None
    #: records per listing page
    per_page: ClassVar[int] = 50
    #: facets of the listing (their segments are reserved: no record may take them as its id)
    facets: ClassVar[tuple[Facet, ...]] = ()
    #: how many of its facets a listing page may combine (one value of each, as static pages whose number grows
    #: with the choices allowed: generator/render/facets.py); 1: one facet at a time
    combine_facets: ClassVar[int] = 1
    #: fields the model indexes referrers by (`parent`, `locality`), for `Hub.referring`
    indexed: ClassVar[tuple[str, ...]] = ()
    #: field that names a record, and the one whose text describes it (search, listings, skeletons)
    title_field: ClassVar[str] = "name"
    text_field: ClassVar[str | None] = "description"
    #: names `python -m generator new` accepts for it (besides `name`); empty: not created by hand
    scaffold_names: ClassVar[tuple[str, ...]] = ()
    #: where its schema and templates live (a kind outside the core may bring its own)
    schema_dir: ClassVar[Path] = SCHEMA_DIR
    template_dir: ClassVar[Path | None] = None
    #: Vietnamese label of its search results
    search_label: ClassVar[str] = ""
    #: checks of one schema-valid record beyond its schema (generator/validate/record.py), each -> problems
    checks: ClassVar[tuple[Callable[[Any], list[Any]], ...]] = ()

    @property
    def schema_file(self) -> Path:
        return self.schema_dir / f"{self.name}.schema.json"

    @property
    def reserved(self) -> frozenset[str]:
        """Path segments its listing pages use below its section."""
        return frozenset(f.segment for f in self.facets)

    # --- model ------------------------------------------------------------------------
    def prepare(self, data: dict[str, Any]) -> dict[str, Any]:
        """The validated dict, completed with derived fields before it becomes a struct."""
        return data

    def finish(self, record: Any) -> None:
        """Derived fields that need the struct (set once, with msgspec's force_setattr)."""

    def title(self, record: Any) -> str:
        return getattr(record, self.title_field)

    def text(self, record: Any) -> str:
        return (getattr(record, self.text_field) or "") if self.text_field else ""

    def order(self, record: Any) -> Any:
        """Sort key of its listings: Vietnamese alphabetical order of the name (generator/collation.py)."""
        return (vietnamese_key(self.title(record)), record.id)

    # --- render -------------------------------------------------------------------------
    def pages(self, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        """The listing (with its facet pages), then each record's pages, as jobs (generator/site.py)."""
        by_id = hub.records.get(self.name, {})
        records = [by_id[i] for i in hub.ordered.get(self.name, sorted(by_id))]
        if self.listing:
            yield from self.listing_pages(records, hub, site)
        for record in records:
            yield from self.record_pages(record, hub, site)

    def listing_pages(self, records: list[Any], hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        """`<section>/`, paginated, and one listing per facet value, with `<name>-list.html`."""
        from generator.render.listing import faceted_listing

        assert self.listing is not None
        title, description = self.listing
        yield from faceted_listing(f"{self.name}-list.html", f"{self.section}/", records, title, description,
                                   self.facets, hub, site, per_page=self.per_page, kind=self)

    def listing_key(self, records: Sequence[Any], hub: Hub) -> tuple:
        """What a listing page shows of `records` beyond the records themselves (counts looked up in the hub):
        part of the page's key, so the preview re-renders it when that changes."""
        return ()

    def record_pages(self, record: Any, hub: Hub, site: SiteInfo) -> Iterator[PageJob]:
        """A record's page, with `<name>.html` and a `RecordContext`."""
        from functools import partial

        from generator.render.environment import page
        from generator.site import PageJob

        url = self.url(record.id)
        yield PageJob(url, partial(page, f"{self.name}.html", url, self.title(record),
                                   self.text(record) or self.title(record), hub=hub, site=site, record=record, kind=self))

    def url(self, ident: str) -> str:
        return f"{self.section}/{ident}/"

    # --- index --------------------------------------------------------------------------
    def entries(self, hub: Hub) -> Iterator[Entry]:
        """Search entries: one per record, its title, text and facet labels."""
        from generator.entries import Entry, Passage

        for ident in sorted(hub.records.get(self.name, {})):
            record = hub.records[self.name][ident]
            fields = tuple(Passage(label, "", facet.name) for facet in self.facets for _, label in facet.values(record, hub))
            yield Entry(self.search_label or self.label.capitalize(), self.title(record), self.url(ident),
                        self.text(record), fields=fields)

    # --- export -------------------------------------------------------------------------
    def tables(self, hub: Hub, site_url: str) -> tuple[Table, ...]:
        """Download tables (data/<name>.json, .csv); none by default."""
        return ()
