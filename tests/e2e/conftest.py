"""Fixtures for tests against the built site: a real build, a local server, Chromium.

The browser is Debian's chromium driven by Playwright; every request that
would leave localhost is blocked and recorded, so a test can assert none did.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitetools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    OfflinePage,
    build_site,
    copy_fixture_project,
    fontconfig_without_cjk,
    serve_folder,
)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serves the built site on 127.0.0.1 at a free port; yields the base URL."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_session():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright_session):
    instance = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def browser_without_cjk(playwright_session, tmp_path_factory):
    """Chromium on a system without any Chinese font (see sitetools.fontconfig_without_cjk)."""
    env = fontconfig_without_cjk(tmp_path_factory.mktemp("fontconfig"))
    instance = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env)
    yield instance
    instance.close()


@pytest.fixture
def offline_page(browser):
    page = OfflinePage(browser)
    yield page
    page.close()


@pytest.fixture
def copy_project(tmp_path) -> Path:
    """A copy of the project (config, content, theme) to change in a test."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("casebook.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, target / name)
    for name in ("content", "theme", "docs", "schema"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def fixture_site_project(tmp_path) -> Path:
    """The synthetic fixture project, ready for `mkdocs build`, using the real theme."""
    return copy_fixture_project(tmp_path / "project")
