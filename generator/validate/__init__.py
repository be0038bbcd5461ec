"""The validate stage: each record against its schema, then records against each other.

`schema` and `record` check one file at a time (and so run in worker
processes); `references` checks ids, links and cycles across all files.
"""

from generator.validate.record import Facts, Record, check_record, facts, id_only_facts, usable_id
from generator.validate.references import check_references
from generator.validate.schema import check_schema

__all__ = ["Facts", "Record", "check_record", "check_references", "check_schema", "facts", "id_only_facts", "usable_id"]
