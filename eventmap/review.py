"""A person's corrections of the merge: `eventmap split EVENT --mention M`, `eventmap merge EVENT EVENT`.

Each command checks the store, records the correction (``store.add_correction``: the event's
mention ids as they are now, which are content hashes and so outlive rebuilds), then recomputes the
map from the merge stage on, which replays every correction (``nlp.corrections``). Later builds
(`build --from ...`) and adds keep them: no stage clears the corrections table.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InputError, StoreError
from .models import Correction, Event
from .store.sqlite import Store


@dataclass(frozen=True)
class Corrected:
    correction: Correction
    events: tuple[str, ...]  # the event ids that now hold the correction's mentions


def _event(store: Store, event_id: str) -> Event:
    found = store.events_by_id([event_id])
    if event_id not in found:
        raise InputError(f"no event {event_id} in {store.path}; event ids are in `eventmap export` "
                         "(events[].id) and the map's detail pane")
    return found[event_id]


def _recompute(settings: Settings, out: str | Path | None, progress: bool) -> None:
    from . import api

    api._run([], settings=settings, out=out, start="merge", progress=progress)


def _holding(settings: Settings, mentions: list[str]) -> tuple[str, ...]:
    with Store(settings.db, readonly=True) as store:
        owner = store.event_of_mentions(mentions)
    return tuple(dict.fromkeys(owner[m] for m in mentions if m in owner))


def _open(settings: Settings) -> Store:
    if not Path(settings.db).is_file():
        raise StoreError(f"no store at {settings.db}; build one first with `eventmap build PATH --db "
                         f"{settings.db}`")
    return Store(settings.db)


def split_event(settings: Settings, event: str, mention: str, *, out: str | Path | None = None,
                progress: bool = False) -> Corrected:
    """Take ``mention`` out of ``event``: it becomes an event of its own, on this and every later build."""
    with _open(settings) as store:
        e = _event(store, event)
        if mention not in e.mentions:
            raise InputError(f"mention {mention} is not in event {event}; its mentions are: "
                             f"{', '.join(e.mentions)}")
        if len(e.mentions) < 2:
            raise InputError(f"event {event} has one mention only: there is nothing to split it from")
        saved = store.add_correction(Correction(0, "split", event, mention=mention,
                                                members=tuple(m for m in e.mentions if m != mention)))
    _recompute(settings, out, progress)
    return Corrected(saved, _holding(settings, [mention, *saved.members[:1]]))


def merge_events(settings: Settings, event: str, other: str, *, out: str | Path | None = None,
                 progress: bool = False) -> Corrected:
    """Make ``event`` and ``other`` one event, on this and every later build."""
    if event == other:
        raise InputError(f"give two different events to merge (both were {event})")
    with _open(settings) as store:
        a, b = _event(store, event), _event(store, other)
        saved = store.add_correction(Correction(0, "merge", event, other=other, members=a.mentions,
                                                others=b.mentions))
    _recompute(settings, out, progress)
    return Corrected(saved, _holding(settings, [a.mentions[0], b.mentions[0]]))


def register(sub: Any, add_settings: Callable[..., None], settings_of: Callable[[argparse.Namespace], Any],
             ) -> None:
    """The `split` and `merge` subcommands (cli.py calls this from make_parser)."""

    def cmd_split(args: argparse.Namespace) -> int:
        done = split_event(settings_of(args), args.event, args.mention, progress=not args.quiet)
        print(f"correction {done.correction.id} recorded: mention {args.mention} left event {args.event}; "
              f"events now: {', '.join(done.events)}")
        return 0

    def cmd_merge(args: argparse.Namespace) -> int:
        done = merge_events(settings_of(args), args.event, args.other, progress=not args.quiet)
        print(f"correction {done.correction.id} recorded: events {args.event} and {args.other} merged; "
              f"event now: {', '.join(done.events)}")
        return 0

    s = sub.add_parser("split", help="take a mention out of an event (kept on every later build)")
    s.add_argument("event", help="event id (events[].id in the export)")
    s.add_argument("--mention", required=True, help="id of the mention to take out (events[].mentions[].id)")
    m = sub.add_parser("merge", help="make two events one (kept on every later build)")
    m.add_argument("event", help="event id to keep")
    m.add_argument("other", help="event id to merge into it")
    for p, fn in ((s, cmd_split), (m, cmd_merge)):
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
        add_settings(p, {"db", "out"})
        p.set_defaults(func=fn)
