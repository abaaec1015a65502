"""Names as every output shows them.

A place brand's name is the brand's own (`own`), one a source gives it
(`cited`), or a description this site wrote because no source names the brand
(`site`). A `site` name never stands alone: pages, cards, indexes, the social
card, posters and the catalogue all show it with the interface string
`brand.name_by_site` ("{name} (a name given by this site)").
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model.records import Brand

NAME_BY_SITE = "brand.name_by_site"


def brand_display_name(brand: Brand, name: str, t: Callable[[str], str]) -> str:
    """`name` (the brand's name in one language) as it may be shown; `t` looks up an interface string."""
    if brand.name_origin != "site":
        return name
    return t(NAME_BY_SITE).replace("{name}", name)
