"""Command line: parse arguments, call ``api``, turn errors into a message and an exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
import webbrowser
from pathlib import Path
from typing import Any

from . import __version__, api
from .config import load_settings, setting_help
from .errors import EventmapError
from .export.formats import FORMATS
from .pipeline.runner import STAGES
from .sources.parse import TOO_SHORT

STATUS_LIST = 20  # articles listed by `eventmap status` before "... and N more"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _add_settings(parser: argparse.ArgumentParser, only: set[str] | None = None) -> None:
    """One flag per setting, generated from ``config.Settings`` so names and defaults never drift."""
    for name, (kind, default, help_text, on_cli) in setting_help().items():
        if not on_cli or (only is not None and name not in only):
            continue
        flag = "--" + name.replace("_", "-")
        if str(kind) == "bool":  # --name / --no-name; None when absent, so toml and env still apply
            parser.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None,
                                help=f"{help_text} (default: {default})")
            continue
        typ = {"int": int, "float": float}.get(str(kind).split(" ")[0], str)
        parser.add_argument(flag, dest=name, type=typ, default=None,
                            help=f"{help_text} (default: {default})")


def _settings(args: argparse.Namespace) -> Any:
    names = setting_help()
    return load_settings(Path(args.config) if args.config else None,
                         **{k: v for k, v in vars(args).items() if k in names})


def _print_summary(summary: api.BuildSummary) -> None:
    s = summary.stats
    # pages that name no outlet (local files) are counted as none, as the briefing says it
    outlets = f"from {_count(s['outlets'], 'outlet')}" if s["outlets"] else "(no outlet named)"
    print(f"{s['articles']} articles ({s['unique_articles']} unique, {s['independent_origins']} "
          f"independent origins) {outlets} -> {s['events']} events")
    if summary.rejections:
        print(f"{len(summary.rejections)} rejected:")
        for item, stage, reason in summary.rejections[:20]:
            print(f"  - {item} [{stage}]: {reason}")
        if len(summary.rejections) > 20:
            print(f"  ... and {len(summary.rejections) - 20} more (see `eventmap status`)")
        short = sum(reason.startswith(TOO_SHORT) for _, _, reason in summary.rejections)
        if short:
            print(f"{_count(short, 'item')} rejected as too short: pass a lower `--min-words` (e.g. "
                  "`--min-words 5`, or EVENTMAP_MIN_WORDS=5) to keep short items such as feed summaries")
    for report in summary.reports:  # e.g. the briefing's language model failed: say so at the end
        if report.detail.startswith("warning:"):
            print(report.detail)
    print(f"store: {summary.db}")
    if summary.earlier:
        print(f"note: the map also holds {_count(summary.earlier, 'article')} of earlier builds of this "
              f"store, not among these inputs; to map only these inputs, build into a new store "
              f"(`--db other.db`) or delete {summary.db}")
    if summary.out is not None and not any(r.stage == "render" for r in summary.reports):
        print(f"files in {summary.out} not rewritten; `eventmap build --from summarize --out {summary.out}` "
              "rewrites them")
    elif summary.out is not None:
        print(f"map: {summary.out / 'map.html'}  briefing: {summary.out / 'briefing.md'}  "
              f"json: {summary.out / 'eventmap.json'}")


def cmd_build(args: argparse.Namespace) -> int:
    summary = api.build(args.inputs, settings=_settings(args), out=args.out, feeds=args.feed,
                        sitemaps=args.sitemap, allow_private=args.allow_private,
                        allow_hosts=args.allow_host,
                        start=args.from_stage, progress=not args.quiet)
    _print_summary(summary)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    summary = api.add(args.inputs, settings=_settings(args), out=args.out, progress=not args.quiet,
                      render=args.render)
    _print_summary(summary)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    default = {"json": "eventmap.json", "graphml": "eventmap.graphml", "csv": "eventmap-csv"}
    if args.output == "-" and args.format == "json":
        json.dump(api.load_export(settings.db), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for path in api.export(settings.db, args.format, args.output or default[args.format]):
        print(path)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from .export.timeline import render_markdown, to_json

    settings = _settings(args)
    tl = api.timeline(settings.db, dates=args.dates, sentences=args.sentences, settings=settings)
    text = (json.dumps(to_json(tl), indent=1, ensure_ascii=False) + "\n" if args.format == "json"
            else render_markdown(tl))
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(args.output)
    else:
        sys.stdout.write(text)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    info = api.status(_settings(args).db)
    if args.json:
        print(json.dumps(info, indent=1, ensure_ascii=False))
        return 0
    print(f"store: {info['db']}")
    for table, n in info["counts"].items():
        print(f"  {table:15} {n}")
    print("stages:")
    for run in info["stages"]:
        secs = f"{run['seconds']:.1f}s" if run["seconds"] is not None else "-"
        print(f"  {run['stage']:10} {run['status']:8} {secs:>7}  {run['items'] or 0:>6}  "
              f"{run['detail'] or ''}")
    removed = info["removed"]
    print(f"page chrome removed at ingest: {removed['total']} lines in {len(removed['articles'])} of "
          f"{info['counts']['articles']} articles")
    for art in removed["articles"][:STATUS_LIST]:
        print(f"  - {art['item']}: {art['removed_lines']}")
    if len(removed["articles"]) > STATUS_LIST:
        print(f"  ... and {len(removed['articles']) - STATUS_LIST} more (`eventmap status --json` lists all)")
    if info["rejections"]:
        print("rejections:")
        for r in info["rejections"]:
            print(f"  - {r['item']} [{r['stage']}]: {r['reason']}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    out = Path(args.out or "eventmap-demo")
    settings = _settings(args).replace(db=str(out / "eventmap.db"))
    summary = api.build([api.SAMPLE_CORPUS], settings=settings, out=out, progress=not args.quiet)
    _print_summary(summary)
    page = (out / "map.html").resolve()
    # webbrowser.open is False where no browser can be found (a server, a container): say where it is
    if args.no_open or not webbrowser.open(page.as_uri()):
        print(f"open {page} in a browser to see the map")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.server import CachedStoreLoader, serve

    settings = _settings(args)
    db = settings.db
    api.status(db)  # fail early, with the store error's advice, if there is no store
    print(f"serving {db} on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
    # the export is rebuilt only when the store's files change, not on each of the page's requests
    serve(CachedStoreLoader(db, api.load_export), host=args.host, port=args.port, labels=settings.map_labels)
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventmap", description="Turn news articles about a story into a cited event map.")
    parser.add_argument("--version", action="version", version=f"eventmap {__version__}")
    parser.add_argument("--config", help="settings file (default: ./eventmap.toml if present)")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="run the pipeline over files, folders and URLs")
    b.add_argument("inputs", nargs="*", help="files, folders (.txt .md .html .json .jsonl .warc.gz) "
                   "or http(s) URLs")
    b.add_argument("--feed", action="append", default=[], help="RSS/Atom feed URL (repeatable)")
    b.add_argument("--sitemap", action="append", default=[], help="sitemap URL (repeatable)")
    b.add_argument("--allow-private", action="store_true",
                   help="allow URLs that resolve to any private/loopback address (prefer --allow-host)")
    b.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                   help="allow this one private host, address or CIDR, e.g. 127.0.0.1 or 10.1.0.0/16 "
                   "(repeatable); cloud metadata addresses are never fetched")
    b.add_argument("--from", dest="from_stage", choices=STAGES,
                   help="recompute from this stage on (keeps earlier stages' results)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    _add_settings(b)
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("add", help="add articles to an existing map (only the new ones are parsed)")
    a.add_argument("inputs", nargs="+", help="files, folders or http(s) URLs to add")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    a.add_argument("--no-render", dest="render", action="store_false",
                   help="update the store only, not the files in --out (`eventmap serve` shows the "
                   "store live; rewrite the files later with `eventmap build --from summarize`)")
    _add_settings(a)
    a.set_defaults(func=cmd_add)

    e = sub.add_parser("export", help="write the map as JSON, GraphML or CSV")
    e.add_argument("--format", choices=FORMATS, default="json")
    e.add_argument("-o", "--output", help="output file (folder for csv); '-' for JSON on stdout")
    _add_settings(e, {"db"})
    e.set_defaults(func=cmd_export)

    help_of = setting_help()
    t = sub.add_parser("timeline", help="the days that matter, each with cited sentences")
    t.add_argument("--dates", type=int, help=f"{help_of['timeline_dates'][2]} "
                   f"(default: {help_of['timeline_dates'][1]})")
    t.add_argument("--sentences", type=int, help=f"{help_of['timeline_sentences'][2]} "
                   f"(default: {help_of['timeline_sentences'][1]})")
    t.add_argument("--format", choices=("md", "json"), default="md")
    t.add_argument("-o", "--output", help="output file (default: stdout)")
    _add_settings(t, {"db"})
    t.set_defaults(func=cmd_timeline)

    s = sub.add_parser("status", help="counts per stage, timings and rejections")
    s.add_argument("--json", action="store_true")
    _add_settings(s, {"db"})
    s.set_defaults(func=cmd_status)

    d = sub.add_parser("demo", help="build the bundled sample corpus and open its map")
    d.add_argument("--out", help="folder for the demo (default: ./eventmap-demo)")
    d.add_argument("--no-open", action="store_true", help="do not open a browser")
    d.add_argument("-q", "--quiet", action="store_true")
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("serve", help="serve the map and a JSON API over the store")
    v.add_argument("--host", default="127.0.0.1", help="bind address (default: 127.0.0.1)")
    v.add_argument("--port", type=int, default=8000)
    _add_settings(v, {"db"})
    v.set_defaults(func=cmd_serve)

    from .review import register  # `split` and `merge`: a person's corrections of the merge
    register(sub, _add_settings, _settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if not hasattr(args, "config"):
        args.config = None
    try:
        return args.func(args)
    except BrokenPipeError:  # `eventmap status | head`: the reader has gone, which is no error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the exit-time flush would raise again
        return 0
    except EventmapError as exc:
        print(f"eventmap: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("eventmap: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
