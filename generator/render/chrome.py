"""The publication's chrome: the masthead's sections and the footer, one per language.

Every page of ours carries it in its `casebook` context (theme/partials/cb-nav.html,
theme/partials/footer.html): the site's name and line, the skip link, at
most six sections in the header (cases, map, brands, policy, exhibitions,
about), and a footer naming the publisher, how to reach them and correct a
page, the licence, the source code, the accessibility statement and the
open data. The pages for those who maintain or reuse the site (translation
status, open data, data dictionary) are in the footer and on About, not in
the header. URLs are site-relative; the theme makes them page-relative.

Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from generator.load.strings import Strings
from generator.model.settings import SiteConfig
from generator.render.urls import (
    ABOUT_PATH,
    BRANDS_INDEX_PATH,
    CASES_INDEX_PATH,
    COUNTIES,
    EXHIBITIONS_PATH,
    FACET_GROUPS,
    LOOKING_FOR_PATH,
    MAP_PATH,
    POLICY_PATH,
    SUBMIT_PATH,
    TRANSLATION_STATUS_PATH,
    UrlScheme,
    data_dictionary_path,
    open_data_page_path,
)

# The header's sections in order: (key, page path). At most six (issue: a reader moves by sections).
SECTIONS = (
    ("cases", CASES_INDEX_PATH),
    ("map", MAP_PATH),
    ("brands", BRANDS_INDEX_PATH),
    ("policy", POLICY_PATH),
    ("exhibitions", EXHIBITIONS_PATH),
    ("about", ABOUT_PATH),
)
# Pages that belong to a section without being under its path.
_SECTION_OF_FOLDER = {
    COUNTIES: "cases",
    LOOKING_FOR_PATH: "cases",
    **{group: "cases" for group in FACET_GROUPS},
    open_data_page_path(): "about",
    TRANSLATION_STATUS_PATH: "about",
}
# The page on About that says how a page is corrected and what the site does for accessibility.
CORRECTIONS_ANCHOR = "corrections"
ACCESSIBILITY_ANCHOR = "accessibility"
LICENCE_ANCHOR = "licence"
NEW_CASE_FORM = "new-case.yml"  # .github/ISSUE_TEMPLATE/
UPDATE_FORM = "update.yml"


@dataclass(frozen=True)
class ChromeLink:
    label: str
    url: str  # site-relative, or absolute when external
    key: str = ""
    external: bool = False


@dataclass(frozen=True)
class FooterGroup:
    label: str
    links: list[ChromeLink]


@dataclass(frozen=True)
class Footer:
    published_by: str  # 「發行：…」/ "Published by …"
    contact: ChromeLink | None  # the publisher's address (mailto: or a web address)
    groups: list[FooterGroup]
    licence_line: str


@dataclass(frozen=True)
class Chrome:
    site_name: str
    tagline: str
    home: str  # site-relative URL of the language's home page
    skip: str  # the skip link, one phrase (「跳到主要內容」)
    nav_label: str
    nav: list[ChromeLink]
    footer: Footer
    printed_label: str  # print: 「列印日期：」 before the date a page is printed
    endnotes_label: str  # print: the heading of the links' endnotes


def section_of(key: str) -> str:
    """The header section a page belongs to ('' for the home page and pages of none)."""
    folder = key.split("/", 1)[0]
    for section, path in SECTIONS:
        if folder == path:
            return section
    return _SECTION_OF_FOLDER.get(key, _SECTION_OF_FOLDER.get(folder, ""))


def is_section_home(key: str) -> bool:
    return any(key == path for _, path in SECTIONS)


def contact_link(contact: str | None, label: str) -> ChromeLink | None:
    """The publisher's contact as a link: an e-mail address becomes mailto:."""
    if not contact:
        return None
    url = contact if ":" in contact else f"mailto:{contact}"
    return ChromeLink(label, url, external=True)


def repo_form_url(config: SiteConfig, form: str, **fields: str) -> str | None:
    """A GitHub issue form of the repository, its fields filled in through the address."""
    if not config.repo_url:
        return None
    query = urlencode({"template": form, **fields})
    return f"{config.repo_url.rstrip('/')}/issues/new?{query}"


def make_chrome(config: SiteConfig, strings: Strings, urls: UrlScheme, lang: str) -> Chrome:
    t = lambda key: strings.t(key, lang)  # noqa: E731
    url = lambda path: urls.url(path, lang)  # noqa: E731
    about = url(ABOUT_PATH)
    nav = [ChromeLink(t(f"nav.{key}"), url(path), key) for key, path in SECTIONS]
    publisher = config.publisher
    name = (publisher.name.get(lang) or publisher.name.get(config.default_language, "")) if publisher else ""
    about_links = [
        ChromeLink(t("nav.about"), about),
        ChromeLink(t("footer.corrections"), f"{about}#{CORRECTIONS_ANCHOR}"),
        ChromeLink(t("footer.accessibility"), f"{about}#{ACCESSIBILITY_ANCHOR}"),
        ChromeLink(t("footer.licence"), f"{about}#{LICENCE_ANCHOR}"),
    ]
    data_links = [
        ChromeLink(t("opendata.title"), url(open_data_page_path())),
        ChromeLink(t("opendata.dictionary_title"), url(data_dictionary_path())),
        ChromeLink(t("status.title"), url(TRANSLATION_STATUS_PATH)),
    ]
    if config.repo_url:
        data_links.append(ChromeLink(t("footer.source"), config.repo_url, external=True))
    take_part = [ChromeLink(t("footer.submit"), url(SUBMIT_PATH))]
    new_case = repo_form_url(config, NEW_CASE_FORM)
    if new_case:
        take_part.append(ChromeLink(t("footer.new_case"), new_case, external=True))
    take_part.append(ChromeLink(t("footer.how_to_correct"), f"{about}#{CORRECTIONS_ANCHOR}"))
    contact = contact_link(publisher.contact if publisher else None, t("footer.contact"))
    if contact:
        take_part.append(contact)
    groups = [
        FooterGroup(t("footer.group.about"), about_links),
        FooterGroup(t("footer.group.data"), data_links),
        FooterGroup(t("footer.group.take_part"), take_part),
    ]
    footer = Footer(
        t("footer.published_by").format(publisher=name) if name else "", contact, groups, t("opendata.licence_short")
    )
    return Chrome(
        config.site_name.get(lang) or config.site_name[config.default_language],
        t("home.description"),
        url(""),
        t("chrome.skip"),
        t("chrome.nav_label"),
        nav,
        footer,
        t("print.printed"),
        t("print.endnotes"),
    )
