"""QR codes on printed case and brand pages (generator/render/print_qr.py)."""

from __future__ import annotations

import re

from generator.graphics.qr import qr_svg
from generator.model.settings import SiteConfig
from generator.render.print_qr import page_address, print_qr
from generator.render.urls import UrlScheme

LANGUAGES = [
    {"code": "zh-TW", "name": "正體中文", "theme_language": "zh-TW"},
    {"code": "en", "name": "English", "theme_language": "en"},
]


def _urls(site_url: str | None = None) -> UrlScheme:
    return UrlScheme(
        SiteConfig.model_validate(
            {"site_name": {"zh-TW": "案例", "en": "Cases"}, "languages": LANGUAGES, "site_url": site_url}
        )
    )


def test_address_is_absolute_when_the_site_url_is_known():
    urls = _urls("https://casebook.example.org/tw/")
    assert page_address("en/cases/kouhu/", urls) == "https://casebook.example.org/tw/en/cases/kouhu/"


def test_address_is_the_site_path_without_a_site_url():
    assert page_address("en/cases/kouhu/", _urls()) == "/en/cases/kouhu/"


def test_case_and_brand_pages_get_a_code_other_pages_none():
    urls = _urls()
    assert print_qr("cases/kouhu", "cases/kouhu/", urls).address == "/cases/kouhu/"
    assert print_qr("brands/kouhu-tilapia", "en/brands/kouhu-tilapia/", urls).address == "/en/brands/kouhu-tilapia/"
    assert print_qr("", "", urls) is None
    assert print_qr("policy/why", "policy/why/", urls) is None
    assert print_qr("cases", "cases/", urls) is None  # the index of cases is not a case


def test_svg_is_inline_scalable_titled_and_reproducible():
    svg = qr_svg("https://casebook.example.org/cases/kouhu/")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg) and " width=" not in svg.split(">")[0]
    assert "<title>https://casebook.example.org/cases/kouhu/</title>" in svg
    assert svg == qr_svg("https://casebook.example.org/cases/kouhu/")
    assert svg != qr_svg("https://casebook.example.org/cases/other/")


def test_svg_escapes_what_it_encodes():
    assert "<title>/cases/a&amp;b&lt;/</title>" in qr_svg("/cases/a&b</")
