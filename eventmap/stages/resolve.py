"""resolve: entity mentions across articles -> canonical entities with aliases and coordinates.

Every mention keeps a row (article, surface form -> entity), so each alias is traceable to where it
was used. Places get coordinates from the offline gazetteer or stay unplaced.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..models import Entity, EntityMention, stable_id
from ..nlp.aliases import canonical, person_merges
from ..nlp.gazetteer import fold, locate
from ..pipeline.context import Context
from ..pipeline.runner import StageResult

RESOLVED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPOSITION = re.compile(r"\b(in|to|at|near|from|into|outside|around|across|toward|towards)\s+$",
                                re.I)


def is_place_use(text: str, mention: EntityMention) -> bool:
    """A capital after a spatial preposition ("a visit to Pyongyang") is the city, not the state."""
    return bool(_PLACE_PREPOSITION.search(text[max(0, mention.start - 12):mention.start]))


def entity_id(name: str) -> str:
    return stable_id("ent", fold(name))


def resolve_entities(mentions: list[EntityMention],
                     texts: dict[str, str]) -> tuple[list[Entity], list[tuple[str, str, str]]]:
    resolved: list[tuple[EntityMention, str, str]] = []
    for m in mentions:
        if m.label not in RESOLVED_LABELS:
            continue
        name, etype = canonical(m.text, m.label, as_place=is_place_use(texts.get(m.article, ""), m))
        resolved.append((m, name, etype))
    # A list, not a generator: person_merges reads the names twice.
    people = person_merges([name for _, name, etype in resolved if etype == "PERSON"])
    groups: dict[str, list[tuple[EntityMention, str, str]]] = defaultdict(list)
    for m, name, etype in resolved:
        name = people.get(name, name) if etype == "PERSON" else name
        groups[fold(name)].append((m, name, etype))

    entities: list[Entity] = []
    aliases: list[tuple[str, str, str]] = []
    for items in groups.values():
        name = Counter(n for _, n, _ in items).most_common(1)[0][0]
        etype = Counter(t for _, _, t in items).most_common(1)[0][0]
        eid = entity_id(name)
        surfaces = sorted({m.text for m, _, _ in items} - {name})
        place = locate(name, etype) if etype in PLACE_TYPES else None
        entities.append(Entity(
            id=eid, name=name, type=etype, aliases=tuple(surfaces),
            lat=place.lat if place else None, lon=place.lon if place else None,
            mentions=len(items),
        ))
        aliases.extend({(m.article, m.text, eid) for m, _, _ in items})
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, sorted(set(aliases))


def run(ctx: Context) -> StageResult:
    dups = ctx.store.duplicates()
    texts = {a.id: a.text for a in ctx.store.articles() if a.id not in dups}
    mentions = [m for m in ctx.store.entity_mentions() if m.article in texts]
    entities, aliases = resolve_entities(mentions, texts)
    ctx.store.replace_entities(entities, aliases)
    placed = sum(e.lat is not None for e in entities)
    return StageResult(len(entities), f"entities ({placed} placed) from {len(mentions)} mentions")
