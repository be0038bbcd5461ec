"""Static site generator for the "Xây dựng xã hội học tập" information hub.

The generator is a pipeline, one module per stage:

    sources   which files exist and what kind of record each holds
    loader    YAML -> Python values, with the line and column of every value
    validate  JSON Schema (schema/) + cross-references between records
    model     typed records and derived data (backlinks, duties, targets)

`pipeline` runs the stages in order; `cli` is the command line.
"""

__version__ = "0.1.0"
