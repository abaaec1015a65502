"""Relative links between site pages: what posixpath.relpath gives, made without it."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from generator.render.urls import relative_url

URLS = [
    "",
    "en/",
    "cases/",
    "cases/kouhu/",
    "en/cases/kouhu/",
    "en/cases/guantian/",
    "brands/a/",
    "404.html",
    "en/404.html",
    "assets/social/en/cases/kouhu.jpg",
    "data/cases.json",
    "map/",
    "cases/kouhu",
    "en/cases/",
    "assets/images/cases/kouhu/visual.ab.svg",
]


def _by_relpath(from_url: str, to_url: str) -> str:
    from_dir = from_url if (from_url.endswith("/") or not from_url) else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + from_dir)
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/"
        if target == "./":
            return "./"
    return target


@pytest.mark.parametrize(("from_url", "to_url"), list(itertools.product(URLS, URLS)))
def test_every_link_equals_relpaths(from_url, to_url):
    assert relative_url(from_url, to_url) == _by_relpath(from_url, to_url)


def test_examples():
    assert relative_url("en/cases/kouhu/", "en/map/") == "../../map/"
    assert relative_url("en/cases/kouhu/", "") == "../../../"
    assert relative_url("cases/", "cases/") == "./"
    assert relative_url("en/404.html", "en/cases/") == "cases/"
