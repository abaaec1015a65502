"""`casebook stale`: records nobody has checked against their sources for over a year.

Every case, brand and exhibition says when a person last checked it
(`last_reviewed`). Facts age: the weekly workflow lists the records whose
review is older than a year, so maintainers can check them again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from generator.model.collection import Collection

MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class StaleRecord:
    kind: str
    id: str
    path: str
    last_reviewed: str  # YYYY-MM-DD
    days: int  # since the last review


def stale_records(collection: Collection, today: dt.date, max_age_days: int = MAX_AGE_DAYS) -> list[StaleRecord]:
    """Records whose last review is more than max_age_days before today, oldest first."""
    found = []
    for kind, table in (
        ("case", collection.cases),
        ("brand", collection.brands),
        ("exhibition", collection.exhibitions),
    ):
        for record_id, record in table.items():
            days = (today - record.last_reviewed).days
            if days > max_age_days:
                path = collection.raw[(kind, record_id)].source.display
                found.append(StaleRecord(kind, record_id, path, record.last_reviewed.isoformat(), days))
    return sorted(found, key=lambda r: (r.last_reviewed, r.kind, r.id))


def format_stale(records: list[StaleRecord], max_age_days: int, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return _markdown(records, max_age_days)
    lines = [f"{r.path}: last reviewed {r.last_reviewed} ({r.days} days ago)" for r in records]
    lines.append(f"{len(records)} record{'s' if len(records) != 1 else ''} not reviewed for over {max_age_days} days.")
    return "\n".join(lines)


def _markdown(records: list[StaleRecord], max_age_days: int) -> str:
    lines = [
        "## 需要重新審閱的紀錄 / Records to review again",
        "",
        f"超過 {max_age_days} 天沒有對照出處檢查的紀錄：{len(records)} 筆。/ "
        f"Records not checked against their sources for over {max_age_days} days: {len(records)}.",
        "",
    ]
    if records:
        lines += ["| 紀錄 / Record | 最後審閱 / Last reviewed | 天數 / Days |", "|---|---|---|"]
        lines += [f"| `{r.path}` | {r.last_reviewed} | {r.days} |" for r in records]
        lines += [
            "",
            "對照出處檢查後，把 `last_reviewed` 改成當天日期。/ "
            "After checking a record against its sources, set `last_reviewed` to that day.",
        ]
    return "\n".join(lines) + "\n"
