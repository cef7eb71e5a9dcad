"""ECB+ reader shared by the ECB+ benchmarks: documents, sentences, gold mentions and their clusters.

A document's text is its CAT tokens joined by spaces, one sentence per line, so every token has a
character span. Gold event mentions are the ACTION_* / NEG_* markables; their cluster is the
CROSS_DOC_COREF ``note`` (instance id), else the INTRA_DOC_COREF chain, else a singleton, as in the
usual ECB+ preprocessing (Cybulska & Vossen 2015; Barhom et al. 2019). Only the sentences listed in
ECBplus_coreference_sentences.csv count.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "ecbplus"
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ARG_PREFIXES = ("HUMAN", "NON_HUMAN", "LOC", "TIME")


@dataclass(frozen=True)
class GoldMention:
    id: str  # doc name + m_id
    doc: str
    sentence: int
    tokens: tuple[int, ...]  # token indices in the document (0-based)
    start: int  # character span in the document text
    end: int
    text: str
    tag: str
    cluster: str


@dataclass(frozen=True)
class EcbDoc:
    name: str  # "1_10ecb"
    topic: int
    seminal: str  # "ecb" | "ecbplus": the topic's two seminal events
    text: str
    sentences: tuple[tuple[int, int, int], ...]  # (sentence number, start, end)
    token_spans: tuple[tuple[int, int], ...]
    token_sentence: tuple[int, ...]
    selected: frozenset[int]  # sentence numbers annotated for coreference
    events: tuple[GoldMention, ...]  # in selected sentences only
    arguments: tuple[GoldMention, ...]  # HUMAN / NON_HUMAN / LOC / TIME in selected sentences

    @property
    def subtopic(self) -> str:
        return f"{self.topic}{self.seminal}"


def split_topics(split: str) -> list[int]:
    topics = list(range(1, 36))
    if split == "dev":
        return sorted(DEV_TOPICS)
    if split == "train":
        return [t for t in topics if t not in DEV_TOPICS]
    raise ValueError(f"unknown split {split!r}: train or dev (test topics 36-45 are kept aside)")


def selected_sentences(data: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    with open(data / "ECBplus_coreference_sentences.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def read_doc(path: Path, selected: set[int]) -> EcbDoc:
    root = ET.parse(path).getroot()
    name = path.stem
    toks = root.findall("token")
    spans, sent_of, pieces, sentences = [], [], [], []
    pos, current, sent_start = 0, None, 0
    for tok in toks:
        sent = int(tok.get("sentence"))
        if current is not None and sent != current:
            sentences.append((current, sent_start, pos - 1))
            pieces[-1] = "\n"
            sent_start = pos
        current = sent
        text = (tok.text or "").replace("\n", " ") or "_"
        spans.append((pos, pos + len(text)))
        sent_of.append(sent)
        pieces.extend([text, " "])
        pos += len(text) + 1
    if current is not None:
        sentences.append((current, sent_start, pos - 1))
    text = "".join(pieces)[:-1] if pieces else ""
    index = {tok.get("t_id"): i for i, tok in enumerate(toks)}

    markables: dict[str, tuple[str, tuple[int, ...]]] = {}
    for el in root.find("Markables") or []:
        anchors = tuple(index[a.get("t_id")] for a in el.findall("token_anchor") if a.get("t_id") in index)
        if anchors:
            markables[el.get("m_id")] = (el.tag, anchors)
    cluster: dict[str, str] = {}
    for rel in root.find("Relations") or []:
        sources = [s.get("m_id") for s in rel.findall("source")]
        if rel.tag == "CROSS_DOC_COREF":
            key = rel.get("note")
        elif rel.tag == "INTRA_DOC_COREF":
            key = f"INTRA_{name}_{rel.get('r_id')}"
        else:
            continue
        for m in sources:
            cluster.setdefault(m, key)

    events, args = [], []
    for m_id, (tag, anchors) in markables.items():
        sent = sent_of[anchors[0]]
        if sent not in selected:
            continue
        start, end = spans[min(anchors)][0], spans[max(anchors)][1]
        mention = GoldMention(f"{name}:{m_id}", name, sent, tuple(sorted(anchors)), start, end,
                              text[start:end], tag, cluster.get(m_id, f"SINGLE_{name}_{m_id}"))
        if tag.startswith(("ACTION", "NEG")):
            events.append(mention)
        elif tag.startswith(ARG_PREFIXES):
            args.append(mention)
    topic = int(name.split("_")[0])
    return EcbDoc(name, topic, "ecbplus" if name.endswith("ecbplus") else "ecb", text, tuple(sentences),
                  tuple(spans), tuple(sent_of), frozenset(selected), tuple(events), tuple(args))


def load_split(data: Path, split: str) -> list[EcbDoc]:
    corpus = data / "ECB+"
    if not corpus.is_dir():
        raise SystemExit(f"no ECB+ corpus at {corpus}; pass --data pointing at shared/eval/ecbplus")
    selected = selected_sentences(data)
    docs = []
    for topic in split_topics(split):
        folder = corpus / str(topic)
        if not folder.is_dir():
            continue  # a few topic numbers are not in ECB+
        for path in sorted(folder.glob("*.xml")):
            if path.stem in selected:
                docs.append(read_doc(path, selected[path.stem]))
    return docs
