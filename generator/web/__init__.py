"""`casebook kit`: the kit builder, a local web page for exhibition staff (the only code that imports Starlette and uvicorn)."""
