"""The validate stage: each record against its schema, then records against each other.

`schema` checks one file at a time (and so can run in worker processes);
`references` needs every record at once (ids, links, cycles, periods).
"""

from generator.validate.references import check_references
from generator.validate.schema import check_schema

__all__ = ["check_references", "check_schema"]
