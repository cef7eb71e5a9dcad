"""The optional LLM rewrite, against a fake chat-completions server on 127.0.0.1 (protocol only)."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from briefing_export import small_export, uncited_lines

from eventmap.export.briefing import build_briefing
from eventmap.export.briefing_llm import LLMOptions, check, rewrite, split_cited
from eventmap.export.briefing_render import render_markdown


def _source_lines(request: dict) -> list[str]:
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    return [line[2:] for line in user.splitlines() if line.startswith("- ")]


def _good(request: dict) -> str:
    # a faithful model: the same cited sentences, merged into one paragraph in reverse order
    return " ".join(reversed(_source_lines(request)))


def _inventive(request: dict) -> str:
    lines = _source_lines(request)
    first = re.sub(r"(\s*(?:\[\d+\])+)$", r", and 999 boats sank\1", lines[0])
    return "\n".join([first, *lines[1:]])


@pytest.fixture()
def fake_llm() -> Iterator[dict]:
    state: dict = {"answer": _good, "requests": []}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state["requests"].append({"path": self.path, "auth": self.headers.get("Authorization"),
                                      "body": body})
            content = state["answer"](body)
            raw = (content if isinstance(content, bytes) else json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": content}}]}).encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _opts(url: str) -> LLMOptions:
    return LLMOptions(url, "fake-model", api_key="secret", timeout=5.0)


def test_good_cited_sentences_are_kept(fake_llm) -> None:
    extractive = build_briefing(small_export())
    out, warnings = rewrite(extractive, _opts(fake_llm["url"]))
    assert warnings == []
    req = fake_llm["requests"][0]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer secret"
    assert req["body"]["model"] == "fake-model"
    before = next(s for s in extractive.sections if s.key == "brief").lead
    after = next(s for s in out.sections if s.key == "brief").lead
    assert [i.text for i in after] == [i.text for i in reversed(before)]  # the model's order was kept
    assert out.mode == "abstractive (fake-model)" and "0 it wrote were not backed" in out.notes[0]
    assert uncited_lines(render_markdown(out)) == []


def test_an_invented_number_is_rejected_for_the_extractive_sentence(fake_llm) -> None:
    fake_llm["answer"] = _inventive
    extractive = build_briefing(small_export())
    out, warnings = rewrite(extractive, _opts(fake_llm["url"]))
    assert warnings == []
    md = render_markdown(out)
    assert "999" not in md
    before = next(s for s in extractive.sections if s.key == "brief").lead
    after = next(s for s in out.sections if s.key == "brief").lead
    assert [i.text for i in after] == [i.text for i in before]  # the rejected one replaced verbatim
    assert re.search(r"[1-9]\d* it wrote were not backed", out.notes[0])


def test_a_server_that_is_down_leaves_the_extractive_briefing_with_a_warning() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the call: nothing listens there
    extractive = build_briefing(small_export())
    out, warnings = rewrite(extractive, _opts(f"http://127.0.0.1:{port}/v1"))
    assert out == extractive
    assert len(warnings) == 1 and warnings[0].startswith("warning:") and "extractive" in warnings[0]


def test_an_answer_that_is_not_a_chat_completion_falls_back(fake_llm) -> None:
    fake_llm["answer"] = lambda body: b'{"error": "model not loaded"}'
    extractive = build_briefing(small_export())
    out, warnings = rewrite(extractive, _opts(fake_llm["url"]))
    assert out == extractive and "not a chat completion" in warnings[0]


def test_support_check_needs_citations_numbers_and_names_from_the_sources() -> None:
    b = build_briefing(small_export())
    items = next(s for s in b.sections if s.key == "storyline").all_items()
    source = items[0].text
    assert check(source + "", items[0].cites, items, 0.75) == (True, "")
    assert check(source, (), items, 0.75)[0] is False
    assert check(source, (3,), items, 0.75)[0] is False  # a source the section does not cite
    ok, why = check("Under the accord, 41 cargo ships a day will pass.", items[0].cites, items, 0.75)
    assert not ok and "41" in why
    ok, why = check("Under the accord, Oslo will let cargo ships through.", items[0].cites, items, 0.75)
    assert not ok and "oslo" in why.lower()
    assert split_cited("One thing [1]. Two things [2][3] Left over") == [
        ("One thing.", (1,)), ("Two things.", (2, 3)), ("Left over", ())]
