"""One module per kind of page. Each exposes `<kind>_pages(ctx, lang) -> list[Page]`."""
