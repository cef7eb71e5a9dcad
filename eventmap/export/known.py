"""What the map knew on a date: events some outlet had reported by then, with only those reports.

Event time (when it happened) and report time (when an outlet first told it) differ: an event dated
March 3 may first be reported on March 10. Each exported event carries ``reports`` (one per outlet:
its first article and that article's date); "known on day X" keeps the reports dated on or before X.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import InputError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_day(day: str) -> str:
    if not _DAY.fullmatch(day):
        raise InputError(f"date {day!r} is not YYYY-MM-DD; give a day such as 2025-03-13")
    return day


def events_known_on(events: Iterable[Mapping[str, Any]], day: str) -> list[dict[str, Any]]:
    """Events with a report dated on or before ``day``, each keeping only those reports."""
    check_day(day)
    known = []
    for event in events:
        # Dates are ISO strings, so string order is date order; a longer value ("2025-03-13T09:00")
        # on the day itself still counts as known that day.
        reports = [r for r in event.get("reports") or []
                   if r.get("reported") and str(r["reported"])[:10] <= day]
        if reports:
            known.append({**event, "reports": reports,
                          "first_reported": min(str(r["reported"]) for r in reports)})
    return known
