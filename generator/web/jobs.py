"""Builds run one at a time in a thread; the page polls a job for what has been written so far.

On a 2-core laptop a second kit at the same time would only make both slower,
so a new job is refused while one runs. A job's id is drawn at random and is
the only thing a request names; its files are the ones the build wrote.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Job:
    id: str
    kind: str  # "build" or "preview"
    exhibition: str
    lang: str  # the page's language, for the links back
    expected: int  # files the build will report, for the progress bar
    written: list[str] = field(default_factory=list)  # kit-relative paths, in order
    problems: list[str] = field(default_factory=list)  # one line each; a finished job with problems failed
    done: bool = False
    zip_path: Path | None = None
    previews: list[tuple[str, Path]] = field(default_factory=list)  # (poster file name, PNG)
    seconds: float = 0.0
    choices: dict = field(default_factory=dict)  # the form's values, to fill the form again or build from a preview
    request: object = (
        None  # the kit's ExhibitRequest (for a preview: the whole kit the staff chose, not its posters only)
    )

    def status(self) -> dict:
        return {
            "done": self.done,
            "failed": self.done and bool(self.problems),
            "written": self.written,
            "expected": self.expected,
            "problems": self.problems,
        }


class Busy(Exception):
    """A job is already running."""


class JobRunner:
    def __init__(self):
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._running: Job | None = None

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def start(self, job: Job, work: Callable[[Job], None]) -> Job:
        """Run work(job) in a thread; raises Busy while another job runs."""
        with self._lock:
            if self._running is not None and not self._running.done:
                raise Busy()
            self._running = job
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, work), daemon=True, name=f"kit-{job.kind}").start()
        return job

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        try:
            work(job)
        except Exception as exc:  # an internal bug: the page says so in one line instead of hanging
            job.problems.append(f"internal error: {type(exc).__name__}: {exc}")
        finally:
            job.done = True


def new_job_id() -> str:
    return secrets.token_urlsafe(16)
