"""The build pipeline, one module per stage, run in the order of STAGE_ORDER."""

# The order the stages run in; tests/unit/test_pipeline.py enforces it.
STAGE_ORDER = ("discover", "load", "validate", "pages", "render")
