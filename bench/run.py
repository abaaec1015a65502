"""`make bench`: casebook's build measured beside plain MkDocs and a lower bound.

For each N it writes a SYNTHETIC corpus (bench/corpus.py) outside content/,
then measures, each as a separate process:
- `casebook validate` of all records;
- the site build from empty caches ("cold": every social card and picture made);
- the build after a change to the theme's page frame (a comment added to the
  corpus's copy of theme/main.html): every page rendered again by the site engine;
- the build with every page made and indexed anew (the site folder, the
  prepared-site snapshot, the page cache, the search entries and the kept
  search and data files removed), with the picture, card, QR code and Han font
  caches kept: what a change to a page-body template (theme/casebook/) costs;
  and the peak memory of any of these;
- a rebuild with nothing changed, and how many pictures it decoded and pages it rendered;
- under `mkdocs serve`, the time from saving one edited case to its page being served anew
  (the median of five edits);
- a plain MkDocs + Material + mkdocs-static-i18n build of the same pages as Markdown,
  every page in the navigation;
- a Markdown + Jinja-only rendering of those same Markdown pages (the lower bound).
Then, once, `mkdocs serve --dirty` (what `make serve` runs after its install step) in a
fresh copy of this repository's tracked files, with no cache: the seconds until
http://127.0.0.1:<port>/ answers, and until the work it defers (social cards, the
Han font's cuts) is built in.
Prints one table. Timing targets are read from this output, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.baselines import write_plain_mkdocs  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Run:
    seconds: float
    peak_rss_mib: float
    ok: bool
    stderr: str = ""

    @property
    def pictures_decoded(self) -> str:
        """How many pictures the build decoded, from its log line ("pictures: ... N decoded")."""
        match = re.search(r"pictures: .*?(\d+) decoded", self.stderr)
        return match.group(1) if match else "?"

    @property
    def pages_rendered(self) -> str:
        """How many pages the build rendered, from its log line ("pages: N rendered, ...")."""
        match = re.search(r"pages: (\d+) rendered", self.stderr)
        return match.group(1) if match else "?"


DROP_CACHES = Path("/proc/sys/vm/drop_caches")
SETTINGS = {"repeat": 1, "drop_caches": False, "serve_edits": 5}


def _settle() -> None:
    """Before a measurement: write out and (with --drop-caches) drop the kernel's file cache.

    On this kind of virtual machine a full file cache makes the kernel's share
    of a build's time grow from run to run (1.4 s to 7 s of system time for
    the same 1000-case build); starting each run from an empty cache makes
    runs comparable.
    """
    os.sync()
    if SETTINGS["drop_caches"]:
        try:
            DROP_CACHES.write_text("3\n")
        except OSError:
            pass  # not root, or not allowed here: measured as it is


def measure(command: list[str], cwd: Path, before=None) -> Run:
    """The median run of `repeat` runs (wall time; the highest peak memory) of a command.

    `before` is called before each run, e.g. to remove what the run must make again.
    """
    runs = []
    for _ in range(SETTINGS["repeat"]):
        if before:
            before()
        _settle()
        runs.append(_measure_once(command, cwd))
    median = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return Run(median.seconds, max(run.peak_rss_mib for run in runs), all(run.ok for run in runs), median.stderr)


def _measure_once(command: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        print(f"  ! {' '.join(command)} failed:\n{stderr[-2000:]}", file=sys.stderr)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode == 0, stderr)


def serve_edit_latency(project: Path, case_file: Path, page: str, edits: int = 5) -> tuple[float, float]:
    """Seconds from saving an edited case to `mkdocs serve` serving its new page, and of them the build's.

    serve answers only when a build is done, so the first figure is serve's
    noticing the change (it looks every 0.25 s: 0 to 0.25 s, depending on when
    the file is saved) plus the build ("Documentation built in ... seconds" in
    its log). Each is the median of `edits` edits, each a new title (so its
    picture and card are made anew), in one serve session.
    """
    server, port, builds = _serve(project)
    url = f"http://127.0.0.1:{port}/{page}"
    text = case_file.read_text(encoding="utf-8")
    served: list[float] = []
    built: list[float] = []
    try:
        if not _wait_for(url, "<h1>", 600):
            return float("nan"), float("nan")
        for _ in range(edits):
            marker = f"Edited {time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the last build
            start = time.perf_counter()
            case_file.write_text(text.replace("en: Synthetic case", f"en: {marker} case", 1), encoding="utf-8")
            served.append(time.perf_counter() - start if _wait_for(url, marker, 120, interval=0.02) else float("nan"))
            built.append(_build_after(builds, start))
        return statistics.median(served), statistics.median(built)
    finally:
        case_file.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _serve(project: Path) -> tuple[subprocess.Popen, int, list[tuple[float, float]]]:
    """`mkdocs serve --dirty` (what `make serve` runs) in `project` on a free port; returns the server,
    its port and the list its log's builds are noted in as they end (see _note_builds)."""
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    builds: list[tuple[float, float]] = []
    threading.Thread(target=_note_builds, args=(server.stderr, builds), daemon=True).start()
    return server, port, builds


def _build_after(builds: list[tuple[float, float]], start: float, wait: float = 5.0) -> float:
    """The seconds of the first build serve logged after `start`; its log line may follow the answer."""
    deadline = time.perf_counter() + wait
    while time.perf_counter() < deadline:
        found = next((seconds for at, seconds in builds if at > start), None)
        if found is not None:
            return found
        time.sleep(0.02)
    return float("nan")


def _note_builds(stream, builds: list[tuple[float, float]]) -> None:
    """(when, seconds) of each build serve logs ("Documentation built in 1.23 seconds")."""
    for line in stream:
        match = re.search(rb"Documentation built in ([0-9.]+) seconds", line)
        if match:
            builds.append((time.perf_counter(), float(match.group(1))))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(interval)
    return False


def bench(n: int, workdir: Path, serve: bool) -> dict[str, str]:
    project = write_corpus(workdir / f"casebook-{n}", n)
    casebook = str(BIN / "casebook")
    build = [casebook, "build", "-d", str(project / "site")]
    validate = measure([casebook, "validate"], project)
    _settle()
    cold = _measure_once(build, project)  # empty caches: one run
    theme = measure(build, project, before=lambda: _change_theme(project))  # every page rendered by the engine
    full = measure(build, project, before=lambda: _forget_pages(project))  # every page made and indexed
    rebuild = measure(build, project)  # nothing changed
    plain_root = write_plain_mkdocs(project, workdir / f"plain-{n}")
    plain = measure([str(BIN / "mkdocs"), "build", "-q", "-d", str(plain_root / "site")], plain_root)
    lower = measure(
        [sys.executable, "-m", "bench.baselines", str(plain_root), str(workdir / f"lower-{n}")],
        Path(__file__).resolve().parents[1],
    )
    edit, edit_build = (
        serve_edit_latency(
            project,
            project / "content/cases/synthetic-case-00000.yml",
            "en/cases/synthetic-case-00000/",
            SETTINGS["serve_edits"],
        )
        if serve
        else (float("nan"), float("nan"))
    )
    return {
        "N cases (pages)": f"{n} ({2 * n})",
        "validate s": f"{validate.seconds:.2f}",
        "cold build s": f"{cold.seconds:.2f}" + ("" if cold.ok else " FAILED"),
        "theme change s": f"{theme.seconds:.2f}" + ("" if theme.ok else " FAILED"),
        "all pages anew s": f"{full.seconds:.2f}" + ("" if full.ok else " FAILED"),
        "peak MiB": f"{max(cold.peak_rss_mib, theme.peak_rss_mib, full.peak_rss_mib):.0f}",
        "rebuild s": f"{rebuild.seconds:.2f}",
        "rebuild decodes": rebuild.pictures_decoded,
        "rebuild renders": rebuild.pages_rendered,
        "serve edit s": f"{edit:.2f}",
        "of it build s": f"{edit_build:.2f}",
        "plain MkDocs+i18n s": f"{plain.seconds:.2f}" + ("" if plain.ok else " FAILED"),
        "lower bound s": f"{lower.seconds:.2f}",
        "cold x faster than plain": f"{plain.seconds / cold.seconds:.1f}",
        "theme change x faster than plain": f"{plain.seconds / theme.seconds:.1f}",
        "theme change x of lower bound": f"{theme.seconds / lower.seconds:.1f}",
        "rebuild / all pages anew": f"{rebuild.seconds / full.seconds:.2f}",
    }


def fresh_clone_serve(workdir: Path) -> tuple[float, float]:
    """Seconds from starting `mkdocs serve --dirty` in a fresh copy of the repository (tracked files only,
    no .cache) until its home page answers, and until the build with the deferred work is done."""
    root = Path(__file__).resolve().parents[1]
    clone = workdir / "fresh-clone"
    shutil.rmtree(clone, ignore_errors=True)
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    for name in tracked.decode("utf-8").split("\0"):
        if name and (root / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, clone / name)
    _settle()
    start = time.perf_counter()
    server, port, builds = _serve(clone)
    try:
        if not _wait_for(f"http://127.0.0.1:{port}/", "<h1", 600, interval=0.05):
            return float("nan"), float("nan")
        answered = time.perf_counter() - start
        deadline = time.monotonic() + 600
        while len(builds) < 2 and time.monotonic() < deadline:  # the first build, then the one it deferred
            time.sleep(0.05)
        complete = builds[1][0] - start if len(builds) > 1 else float("nan")
        return answered, complete
    finally:
        server.terminate()
        server.wait(timeout=30)


def _change_theme(project: Path) -> None:
    """Change the page frame every page is rendered in, as a designer's edit to it would."""
    with (project / "theme" / "main.html").open("a", encoding="utf-8") as frame:
        frame.write(f"{{# a theme change: {time.time_ns()} #}}\n")


def _forget_pages(project: Path) -> None:
    """Remove the built site and every page, search entry and data file kept from earlier builds."""
    shutil.rmtree(project / "site", ignore_errors=True)
    cache = project / ".cache/casebook"
    (cache / "site.pickle").unlink(missing_ok=True)
    (cache / "page-digests.json").unlink(missing_ok=True)
    (cache / "search/pages.json").unlink(missing_ok=True)
    for folder in ("pages", "search/index", "data"):
        shutil.rmtree(cache / folder, ignore_errors=True)


def print_table(rows: list[dict[str, str]]) -> None:
    headers = list(rows[0])
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(row[h] for h in headers) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated numbers of cases")
    parser.add_argument("--workdir", type=Path, default=Path("bench/out"))
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurements")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits under mkdocs serve; the median is shown")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each warm measurement; the median is shown")
    parser.add_argument(
        "--drop-caches",
        action="store_true",
        help="drop the kernel's file cache before each run (root only; makes runs comparable)",
    )
    args = parser.parse_args()
    SETTINGS.update(repeat=max(1, args.repeat), drop_caches=args.drop_caches, serve_edits=max(1, args.serve_edits))
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"benchmarking N={n} ...", file=sys.stderr)
        rows.append(bench(n, args.workdir.resolve(), serve=not args.no_serve))
    print_table(rows)
    if not args.no_serve:
        answered, complete = fresh_clone_serve(args.workdir.resolve())
        print(
            f"\nmake serve on a fresh clone (this repository's content, no cache): answers in {answered:.1f} s; "
            f"social cards and Han font built in after {complete:.1f} s"
        )


if __name__ == "__main__":
    main()
