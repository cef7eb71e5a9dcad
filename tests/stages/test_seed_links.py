"""Issue-5 acceptance on the user's own example (../shared/seeds): links, storylines, disagreements.

Skipped where ../shared/seeds is absent.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _article_id(export: dict, prefix: str) -> str:
    return next(a["id"] for a in export["articles"] if a["path"].startswith(prefix))


def _events(export: dict) -> dict[str, dict]:
    return {e["id"]: e for e in export["events"]}


def test_troop_deployment_disputed_by_000_and_asserted_by_002(seed_export) -> None:
    opinion, newsletter = _article_id(seed_export, "000_"), _article_id(seed_export, "002_")
    troops = [d for d in seed_export["disagreements"] if d["kind"] == "modality"
              and any("troop" in c["text"].lower() for c in d["claims"])]
    assert troops, [d["kind"] for d in seed_export["disagreements"]]
    stances = {(c["article"], c["stance"]) for d in troops for c in d["claims"]}
    assert any(a == opinion and s in ("disputed", "denied") for a, s in stances), stances
    assert (newsletter, "asserted") in stances, stances
    # The repost (001) is a copy of 000: never a second voice.
    repost = _article_id(seed_export, "001_")
    assert all(c["article"] != repost for d in seed_export["disagreements"] for c in d["claims"])


def test_kursk_incursion_is_a_cause_of_the_troops_or_the_defence_clause(seed_export) -> None:
    events = _events(seed_export)
    found = []
    for link in seed_export["links"]:
        if link["kind"] != "cause":
            continue
        cause, effect = events[link["source"]], events[link["target"]]
        cause_text = " ".join([cause["summary"], *(m["sentence"] for m in cause["mentions"])]).lower()
        effect_text = (effect["summary"] + " " + link["evidence"]).lower()
        if ("incursion" in cause_text or "invasion" in cause_text) and \
                any(w in effect_text for w in ("troop", "defense clause", "defence clause")):
            found.append((cause["summary"], effect["summary"], link["evidence"]))
    assert found, [(events[lk["source"]]["summary"], events[lk["target"]]["summary"])
                   for lk in seed_export["links"] if lk["kind"] == "cause"]
    assert all(evidence for _, _, evidence in found)


def _story_of(export: dict, words: tuple[str, ...], years: tuple[int, int]) -> set[str]:
    """Storylines of the dated events whose mentions name one of ``words`` inside ``years``."""
    out = set()
    for e in export["events"]:
        start = (e["time"] or {}).get("start") or ""
        if not start or not years[0] <= int(start[:4]) <= years[1] or not e["storyline"]:
            continue
        text = " ".join(m["sentence"] for m in e["mentions"]).lower()
        if any(w in text for w in words):
            out.add(e["storyline"])
    return out


def test_korean_war_history_and_2024_events_are_separate_storylines(seed_export) -> None:
    war = _story_of(seed_export, ("armistice", "korean war"), (1950, 1953))
    now = _story_of(seed_export, ("treaty", "kursk"), (2024, 2024))
    assert war and now
    # The main 2024 thread (the storyline holding most of the treaty/Kursk events) is not the war's.
    counts = {s: sum(1 for e in seed_export["events"] if e["storyline"] == s
                     and ((e["time"] or {}).get("start") or "").startswith("2024")) for s in now}
    main_2024 = max(counts, key=counts.get)
    assert main_2024 not in war
