"""Optional abstractive briefing: a chat model rewrites the prose sections, every sentence is checked.

Off unless ``llm_url`` is set. Any OpenAI-compatible chat completions server works (llama.cpp,
Ollama, vLLM, a hosted API). The model sees only the extractive items of one section, each with its
``[n]`` citations, and is told to keep them. Each sentence it writes is kept only if it cites
sources that section cites and ``support.support`` finds it in those sources' sentences (enough of
its content words, every number, every name); otherwise the extractive item it draws most on is
used instead. Any failure (no server, timeout, an answer that is not the expected JSON) leaves the
extractive briefing as it was and says why in a warning.
"""

from __future__ import annotations

import dataclasses
import re

import httpx

from .briefing import Briefing, Item, Section
from .support import content_terms, support

REWRITTEN = ("brief", "storyline")  # prose sections; dated lists, figures and quotes stay verbatim

_PROMPT = (
    "You write a concise news briefing for an analyst. Rewrite the numbered source sentences below "
    "into at most {k} clear sentences of plain prose for the section \"{title}\". Use only facts "
    "stated in the sources: add no names, numbers, dates, causes or opinions. End every sentence with "
    "the citation markers of the sources it draws on, exactly as given, e.g. [3] or [2][5]. "
    "Answer with the sentences only, one per line."
)
_SENTENCE = re.compile(r"\s*(.+?)((?:\s*\[\d+\])+)\s*(?=$|\S)", re.S)


class LLMError(Exception):
    """The model could not be asked, or its answer could not be read."""


@dataclasses.dataclass(frozen=True)
class LLMOptions:
    url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    min_support: float = 0.75


def _endpoint(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _ask(client: httpx.Client, opts: LLMOptions, system: str, user: str) -> str:
    headers = {"Authorization": f"Bearer {opts.api_key}"} if opts.api_key else {}
    body = {"model": opts.model, "temperature": 0, "messages": [
        {"role": "system", "content": system}, {"role": "user", "content": user}]}
    try:
        resp = client.post(_endpoint(opts.url), json=body, headers=headers, timeout=opts.timeout)
        resp.raise_for_status()
        content = resp.json()["choices"][0]["message"]["content"]
    except httpx.HTTPError as exc:
        raise LLMError(f"{type(exc).__name__}: {exc}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"the answer is not a chat completion ({type(exc).__name__}: {exc})") from exc
    if not isinstance(content, str):
        raise LLMError("the answer has no text content")
    return content


def split_cited(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Sentences with the citations that end them; a trailing sentence without any gets ``()``."""
    out, end = [], 0
    for m in _SENTENCE.finditer(text):
        body = " ".join(m.group(1).split()).lstrip("-•*.,;: ").strip()
        if body and not re.search(r"[.!?…”\"’)]$", body):
            body += "."  # "Text [1]." puts the full stop after the citation
        if body:
            out.append((body, tuple(sorted({int(n) for n in re.findall(r"\d+", m.group(2))}))))
        end = m.end()
    rest = " ".join(text[end:].split()).strip()
    if rest:
        out.append((rest, ()))
    return out


def check(sentence: str, cites: tuple[int, ...], items: tuple[Item, ...],
          min_support: float) -> tuple[bool, str]:
    """Is ``sentence`` backed by the sentences of ``items`` behind ``cites``? (ok, why not)"""
    if not cites:
        return False, "no citation"
    known = {n for it in items for n in it.cites}
    if not set(cites) <= known:
        return False, f"cites a source this section does not: {sorted(set(cites) - known)}"
    sources = [text for it in items for n, text in it.evidence if n in cites]
    sources += [it.text for it in items if set(it.cites) & set(cites) and not it.evidence]
    share, reasons = support(sentence, sources)
    if reasons:
        return False, "; ".join(reasons)
    if share < min_support:
        return False, f"only {share:.0%} of its content words are in the cited sentences"
    return True, ""


def _rewrite_section(client: httpx.Client, opts: LLMOptions, sec: Section) -> tuple[Section, int, int]:
    items = sec.lead + sec.items
    lines = "\n".join(f"- {it.text} {''.join(f'[{n}]' for n in it.cites)}" for it in items)
    answer = _ask(client, opts, _PROMPT.format(k=len(items), title=sec.title), lines)
    kept: list[Item] = []
    left = list(items)
    written = rejected = 0
    for sentence, cites in split_cited(answer):
        ok, _why = check(sentence, cites, items, opts.min_support)
        if ok:
            evidence = tuple(sorted({(n, t) for it in items for n, t in it.evidence if n in cites}))
            kept.append(Item(sentence, cites, evidence=evidence))
            written += 1
            continue
        rejected += 1
        if left:  # the extractive item the rejected sentence leaned on most takes its place
            words = content_terms(sentence)
            best = max(left, key=lambda it: (len(words & content_terms(it.text)), -items.index(it)))
            left.remove(best)
            kept.append(dataclasses.replace(best, label=""))
    if not kept:
        return sec, 0, rejected
    return dataclasses.replace(sec, lead=tuple(kept), items=()), written, rejected


def rewrite(briefing: Briefing, opts: LLMOptions, *,
            client: httpx.Client | None = None) -> tuple[Briefing, list[str]]:
    """The briefing with its prose sections rewritten by the model, and any warnings.

    On any failure the extractive ``briefing`` comes back unchanged with one warning saying why.
    """
    own = client is None
    http = client or httpx.Client()
    try:
        sections, written, rejected = [], 0, 0
        for sec in briefing.sections:
            if sec.key in REWRITTEN and (sec.lead or sec.items):
                sec, w, r = _rewrite_section(http, opts, sec)
                written, rejected = written + w, rejected + r
            sections.append(sec)
    except LLMError as exc:
        return briefing, [f"warning: the language model at {opts.url} failed ({exc}); "
                          "the briefing is extractive. Check llm_url/llm_model or unset llm_url."]
    finally:
        if own:
            http.close()
    note = (f"{written} sentences were written by {opts.model}; {rejected} it wrote were not backed by "
            "the sentences they cite and were replaced by the articles' own sentences.")
    return dataclasses.replace(briefing, sections=tuple(sections), mode=f"abstractive ({opts.model})",
                               notes=briefing.notes + (note,)), []
