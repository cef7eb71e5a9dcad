"""resolve: entity mentions across articles -> canonical entities with aliases and coordinates.

Every mention keeps a row (article, surface form -> entity), so each alias is traceable to where it
was used. Places get coordinates from the offline gazetteer or stay unplaced.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from ..models import Entity, EntityMention, stable_id
from ..nlp.aliases import canonical, completed_name, person_merges, strip_title
from ..nlp.gazetteer import fold, locate
from ..pipeline.context import Context
from ..pipeline.folding import mark_all, pending
from ..pipeline.runner import StageResult

RESOLVED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# A short person name no article of its own resolves takes the full name the articles that did
# resolve it agree on: at least this many of them, and this share (a story with two Jacksons of
# note stays ambiguous).
AGREE_ARTICLES = 3
AGREE_SHARE = 0.8
_PLACE_PREPOSITION = re.compile(r"\b(in|to|at|near|from|into|outside|around|across|toward|towards)\s+$",
                                re.I)


def is_place_use(text: str, mention: EntityMention) -> bool:
    """A capital after a spatial preposition ("a visit to Pyongyang") is the city, not the state."""
    return bool(_PLACE_PREPOSITION.search(text[max(0, mention.start - 12):mention.start]))


def entity_id(name: str) -> str:
    return stable_id("ent", fold(name))


def _named_in_article(short: str, candidates: set[str], words: str) -> str | None:
    """The one candidate full name the article's own words (title and text) spell out, where its
    parser did not tag it: "Jackson" in a report whose title says "Michael Jackson"."""
    # the plain substring test first: a short name can have hundreds of candidates in a large corpus
    found = [full for full in candidates
             if full in words and re.search(rf"(?<!\w){re.escape(full)}(?!\w)", words)]
    return found[0] if len(found) == 1 else None


def resolve_entities(mentions: list[EntityMention], texts: dict[str, str], *,
                     place: bool = True, titles: dict[str, str] | None = None,
                     known_people: Iterable[str] = ()) -> tuple[list[Entity], list[tuple[str, str, str]]]:
    """Canonical entities and (article, surface, entity id) alias rows; ``place``: look up coordinates.
    ``titles`` (article -> title) help a short person name find its full name; ``known_people`` are
    person names resolved before (an add's store), candidates as the corpus's own are."""
    resolved: list[tuple[EntityMention, str, str]] = []
    for m in mentions:
        if m.label not in RESOLVED_LABELS:
            continue
        name, etype = canonical(m.text, m.label, as_place=is_place_use(texts.get(m.article, ""), m))
        resolved.append((m, strip_title(name) if etype == "PERSON" else name, etype))
    # A short name first takes the one full name its own article gives it ("Jackson" after "Michael
    # Jackson" in the same report, though the corpus also has a Janet Jackson), then the corpus's
    # when one full name is the only candidate. A list: person_merges reads the names twice.
    # A mention the tagger cut short is the longer name of its article its text goes on to spell out.
    longer: dict[str, set[str]] = defaultdict(set)
    for m, name, etype in resolved:
        if etype == "PERSON" and len(name.split()) > 1:
            longer[m.article].add(name)
    resolved = [(m, name if etype != "PERSON" else completed_name(
        name, texts.get(m.article, "")[m.end:m.end + 80], longer[m.article]) or name, etype)
        for m, name, etype in resolved]
    by_article: dict[str, set[str]] = defaultdict(set)
    for m, name, etype in resolved:
        if etype == "PERSON":
            by_article[m.article].add(name)
    in_article = {(a, short): full for a, names in by_article.items()
                  for short, full in person_merges(names).items()}
    names = [*known_people, *(name for _, name, etype in resolved if etype == "PERSON")]
    people = person_merges(names)
    # Else, of the corpus's full names it could abbreviate, the one its article's words spell out.
    by_part: dict[str, set[str]] = defaultdict(set)
    for full in {n for n in names if len(n.split()) > 1}:
        for part in (full.split()[0], full.split()[-1]):
            by_part[fold(part)].add(full)
    spelled: dict[tuple[str, str], str | None] = {}
    for m, name, etype in resolved:
        key = (m.article, name)
        if etype == "PERSON" and len(name.split()) == 1 and key not in in_article and name not in people \
                and key not in spelled:
            words = f"{(titles or {}).get(m.article, '')}\n{texts.get(m.article, '')}"
            spelled[key] = _named_in_article(name, by_part.get(fold(name), set()), words)
    # Else what the articles that did resolve the name agree on: "Jackson" is Michael Jackson in a
    # story where nearly every report that spells the name out spells that one.
    agreed: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, short), full in (*in_article.items(), *spelled.items()):
        if full is not None:
            agreed[short][full] += 1
    dominant = {short: top for short, c in agreed.items()
                for top, n in c.most_common(1) if n >= AGREE_ARTICLES and n >= AGREE_SHARE * c.total()}
    groups: dict[str, list[tuple[EntityMention, str, str]]] = defaultdict(list)
    for m, name, etype in resolved:
        if etype == "PERSON" and len(name.split()) == 1:
            key = (m.article, name)
            name = in_article.get(key) or people.get(name) or spelled.get(key) or dominant.get(name) or name
        groups[fold(name)].append((m, name, etype))

    entities: list[Entity] = []
    aliases: list[tuple[str, str, str]] = []
    for items in groups.values():
        name = Counter(n for _, n, _ in items).most_common(1)[0][0]
        etype = Counter(t for _, _, t in items).most_common(1)[0][0]
        eid = entity_id(name)
        surfaces = sorted({m.text for m, _, _ in items} - {name})
        found = locate(name, etype) if place and etype in PLACE_TYPES else None
        entities.append(Entity(
            id=eid, name=name, type=etype, aliases=tuple(surfaces),
            lat=found.lat if found else None, lon=found.lon if found else None,
            mentions=len(items),
        ))
        aliases.extend({(m.article, m.text, eid) for m, _, _ in items})
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, sorted(set(aliases))


def resolve_new(mentions: list[EntityMention], texts: dict[str, str],
                lookup: Callable[[list[str]], dict[str, Entity]],
                person_names: list[str], titles: dict[str, str] | None = None,
                ) -> tuple[list[Entity], list[tuple[str, str, str]], int]:
    """New articles' mentions against the entities already resolved (``lookup`` reads them by id):
    a name whose entity exists joins it (its count and aliases grow; its name, id and coordinates
    stay), others become entities. A short person name joins the one full name it abbreviates, old
    or new, as in ``resolve_entities``. Returns entities to write, alias rows, how many were known."""
    entities, aliases = resolve_entities(mentions, texts, place=False,  # known places keep theirs
                                         titles=titles, known_people=person_names)
    people = person_merges([*person_names, *(e.name for e in entities if e.type == "PERSON")])
    wanted = {e.id: entity_id(people[e.name]) if e.type == "PERSON" and e.name in people else e.id
              for e in entities}
    known = lookup(sorted({*wanted, *wanted.values()}))
    out: dict[str, Entity] = {}
    remap: dict[str, str] = {}
    for e in entities:
        target = wanted[e.id] if wanted[e.id] in known or wanted[e.id] in out else e.id
        remap[e.id] = target
        old = out.get(target) or known.get(target)
        if old is None and e.type in PLACE_TYPES and (found := locate(e.name, e.type)) is not None:
            e = Entity(e.id, e.name, e.type, e.aliases, found.lat, found.lon, e.mentions)
        out[target] = e if old is None else Entity(
            old.id, old.name, old.type, tuple(sorted({*old.aliases, *e.aliases, e.name} - {old.name})),
            old.lat, old.lon, old.mentions + e.mentions)
    rows = sorted({(a, surface, remap[eid]) for a, surface, eid in aliases})
    return list(out.values()), rows, sum(eid in known for eid in out)


def run(ctx: Context) -> StageResult:
    new = pending(ctx, "resolve")
    if new is not None:
        dups = ctx.store.duplicates()
        texts = {a.id: a.text for a in new if a.id not in dups}
        mentions = ctx.store.entity_mentions_of(list(texts))
        entities, aliases, known = resolve_new(mentions, texts, ctx.store.entities_by_id,
                                               ctx.store.entity_names("PERSON"),
                                               titles={a.id: a.title for a in new})
        with ctx.store.db:
            ctx.store.put_entities(entities, aliases)
            ctx.store.set_folded("resolve", ctx.store.max_seq())
        return StageResult(len(entities), f"entities from {len(mentions)} mentions of {len(texts)} new "
                                          f"articles ({known} known, {len(entities) - known} new)")
    dups = ctx.store.duplicates()
    articles = [a for a in ctx.store.articles() if a.id not in dups]
    texts = {a.id: a.text for a in articles}
    mentions = [m for m in ctx.store.entity_mentions() if m.article in texts]
    entities, aliases = resolve_entities(mentions, texts, titles={a.id: a.title for a in articles})
    ctx.store.replace_entities(entities, aliases)
    mark_all(ctx, "resolve")
    placed = sum(e.lat is not None for e in entities)
    return StageResult(len(entities), f"entities ({placed} placed) from {len(mentions)} mentions")
