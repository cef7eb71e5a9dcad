"""Chrome removal (sources.clean): each family goes, article sentences stay. No spaCy needed.

Every text here was written for these tests.
"""

from __future__ import annotations

import json
import time

import pytest

from eventmap.models import Article, RawDocument
from eventmap.sources.clean import FAMILIES, chrome_family, clean_text, dateline_place
from eventmap.sources.parse import parse_document
from eventmap.store.codec import dumps, loads

LEAD = ("A tram carrying about 60 passengers came off the rails near the station on Tuesday morning, "
        "injuring 14 people, the fire service said.")
BODY = ("Northline Trams said it had suspended services on the line while investigators examined the "
        "track, and that replacement buses would run until Friday.")


@pytest.mark.parametrize(("line", "family"), [
    # share bars
    ("Share this with", "share"),
    ("Email", "share"),
    ("- Messenger", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Share on WhatsApp (opens in new window)", "share"),
    ("Copy this link", "share"),
    ("These links open in a new window", "share"),
    ("Share or comment on this article", "share"),
    ("Reuse this content", "share"),
    # media players, captions, photo credits
    ("Media playback is not supported on your device", "media"),
    ("To play this clip you need JavaScript turned on and a recent browser.", "media"),
    ("+7 View gallery", "media"),
    ("Image copyright Northline Press Image caption The front carriage was lifted back on to the rails",
     "caption"),
    ("Media caption A passenger describes the moment the tram tipped", "caption"),
    ("Image source, Getty Images", "caption"),
    ("Firefighters at the scene near the station on Tuesday. Photograph: Olu Bankole/PA", "caption"),
    ("[2/4] Workers inspect the rails near the station, March 11, 2025. REUTERS/Ina Sorel", "caption"),
    ("Pictured: the carriage resting against a barrier on Tuesday morning", "caption"),
    ("Olu Bankole/Reuters", "credit"),
    ("Ina Sorel/AFP via Getty Images", "credit"),
    ("Getty Images", "credit"),
    # newsletter boxes and a newsletter's own header and footer
    ("Sign up to our free daily newsletter", "newsletter"),
    ("Sign up for the Morning Rails newsletter. Get the news you need before breakfast.", "newsletter"),
    ("Sorry, there was a problem with your sign up. Please try again.", "newsletter"),
    ("Was this email forwarded to you? Click here to subscribe.", "newsletter"),
    ("Reply", "newsletter"),
    ("or to participate.", "newsletter"),
    ("Get the Tram Brief delivered to your inbox every morning.", "newsletter"),
    ("The Evening Line newsletter brings you the day's transport news. Sign up here.", "newsletter"),
    ("Privacy Notice: Our newsletters may include information about charities and online ads.",
     "newsletter"),
    # read more, related, ads, navigation
    ("Read more: How the derailment unfolded", "related"),
    ("READ MORE: Commuters face weeks of disruption", "related"),
    ("Related article Why Britain's trams are coming back", "related"),
    ("Related Topics", "related"),
    ("Advertisement", "ads"),
    ("Story continues below advertisement", "ads"),
    ("Home | World | Sport | Business", "nav"),
    ("Skip to content", "nav"),
    ("Click here for the full graphic.", "nav"),
    # follow us
    ("Follow us on Twitter", "social"),
    ("Follow Yorkshire Desk on Facebook, X and Instagram.", "social"),
    ("Follow Ina on X: @inasorel", "social"),
    # bylines, credits, timestamps
    ("By Harriet Vale, BBC News", "byline"),
    ("By LUCY BRENNAN FOR MAILONLINE", "byline"),
    ("Harriet Vale North of England correspondent", "byline"),
    ("Reporting by Ina Sorel in Sheffield; Additional reporting by Olu Bankole in London; Editing by "
     "Alan Marsh", "byline"),
    ("(Reporting by Ina Sorel; Editing by Alan Marsh)", "byline"),
    ("The Associated Press contributed to this report.", "byline"),
    ("Staff writer Olu Bankole in Leeds contributed to this report.", "byline"),
    ("The opinions expressed are her own.", "byline"),
    ("Updated 14:02 GMT", "timestamp"),
    ("Published 11 March 2025", "timestamp"),
    ("PUBLISHED: 10:02 GMT, 11 March 2025 | UPDATED: 14:40 GMT, 11 March 2025", "timestamp"),
    ("Last modified on Tue 11 Mar 2025 19.05 GMT", "timestamp"),
    ("March 11, 2025 12:40 PM GMT Updated 2 hours ago", "timestamp"),
    ("3 min read", "timestamp"),
    # cookies, comments, legal
    ("We use cookies to give you the best experience on our site.", "cookie"),
    ("By continuing to browse the site you agree to our use of cookies.", "cookie"),
    ("Accept all", "cookie"),
    ("We welcome comments on our stories for a week after they are published.", "comments"),
    ("This discussion is now closed.", "comments"),
    ("Comments 112", "comments"),
    ("Do you have a story? Email tips@dailyexample.test", "comments"),
    ("Copyright 2016 The Example Press. All rights reserved.", "legal"),
    ("© 2025 Example News Network. All Rights Reserved.", "legal"),
    ("This material may not be published, broadcast or redistributed.", "legal"),
    ("Example Wire is not responsible for the content of external sites.", "legal"),
    ("Scroll down for video.", "nav"),
    ("Tap here to see the full gallery.", "nav"),
    ("You can see the whole timeline by clicking the image below.", "nav"),
])
def test_each_chrome_family_is_recognised(line: str, family: str) -> None:
    assert family in FAMILIES
    assert chrome_family(line) == family
    cleaned = clean_text(f"{LEAD}\n{line}\n{BODY}")
    assert cleaned.text == f"{LEAD}\n{BODY}" and cleaned.count == 1
    assert cleaned.removed[0].family == family and not cleaned.removed[0].partial


@pytest.mark.parametrize("line", [
    "Divers had to scroll through hours of sonar images to find the wreck.",
    "Swipe cards were used to open the depot on the night of the fire, police said.",
    "The mayor asked residents to tap water only for drinking until the pipe is fixed.",
    "Shares in the tram operator fell 4% on Wednesday after the crash, traders said.",
    "The operator asked passengers to share any images of the crash with investigators.",
    "More than 300 residents have signed up to a council text service that will share updates.",
    "Passengers were told to follow the instructions of staff and wait for the fire crews.",
    "The image of the overturned carriage was shared widely on social media, the mayor said.",
    "Sign up for the charity run closed on Friday after 2,000 people had entered, organisers said.",
    "Follow-up inspections found cracks in two more rails, the branch said in its report.",
    "Like many residents on Twitter, she posted a video of the carriage within minutes.",
    "The council's newsletter, sent to 40,000 homes, had warned of the works in January.",
    "Websites that use cookies must ask first, the regulator said on Monday.",
    "Copyright lawyers said the ruling in 2019 would change how photographs are licensed.",
    "(c) the operator ignored warnings from engineers about the track in 2024.",
    "Written by Ana Ruiz, the play stars two former tram drivers and tours in May.",
    "Reporting by the local paper revealed that the bend had been flagged in 2023.",
    "Advertisements for the new tram line promised a journey of eight minutes.",
    "Updated figures released on Tuesday showed 14 people had been injured.",
    "By Tuesday evening, the carriage had been lifted back on to the rails.",
    "Photographs taken by a passenger show the doors open and the lights out.",
    "Related groups of passengers were interviewed by police, a spokesperson said.",
    "The comments made by the minister were criticised by the opposition.",
    "14 March 2025",  # a date alone may be a heading of a timeline
    "THE SHEFFIELD DERAILMENT",
    "Home Office officials said the inquiry would take a year.",
])
def test_article_sentences_with_chrome_words_stay(line: str) -> None:
    assert chrome_family(line) is None, line
    text = f"{LEAD}\n{line}\n{BODY}"
    assert clean_text(text).text == text


@pytest.mark.parametrize(("line", "prefix"), [
    ("LONDON (Reuters) - ", "LONDON (Reuters) -"),
    ("SHEFFIELD, England, March 11 (Reuters) - ", "SHEFFIELD, England, March 11 (Reuters) -"),
    ("(CNN) — ", "(CNN) —"),
    ("(CNN)", "(CNN)"),
    ("MOBILE, Ala. (AP) -- ", "MOBILE, Ala. (AP) --"),
    ("BAYOU VISTA, La. -- ", "BAYOU VISTA, La. --"),
    ("VISEU, Portugal — ", "VISEU, Portugal —"),
    ("LEEDS -LRB- Reuters -RRB- - ", "LEEDS -LRB- Reuters -RRB- -"),
    ("By Harriet Vale, BBC News ", "By Harriet Vale, BBC News"),
    ("EL PASO, Texas (KVIA) — ", "EL PASO, Texas (KVIA) —"),  # a US station's own copy
    ("TOLEDO (WTOL-TV) - ", "TOLEDO (WTOL-TV) -"),
    ("Brisbane, May 29 (AAP) - ", "Brisbane, May 29 (AAP) -"),  # agencies that dateline in title case
    ("OTTAWA (The Canadian Press) — ", "OTTAWA (The Canadian Press) —"),
])
def test_dateline_and_byline_glued_to_the_lead_are_cut(line: str, prefix: str) -> None:
    cleaned = clean_text(f"{line}{LEAD}\n{BODY}")
    assert cleaned.text == f"{LEAD}\n{BODY}"
    assert [(r.text, r.partial) for r in cleaned.removed] == [(prefix, True)]


@pytest.mark.parametrize(("prefix", "place"), [
    ("LONDON (Reuters) -", "London"),
    ("SHEFFIELD, England, March 11 (Reuters) -", "Sheffield, England"),
    ("NEW YORK, June 2 (Reuters) -", "New York"),
    ("MOBILE, Ala. (AP) --", "Mobile, Ala."),
    ("ST. LOUIS, March 3 (Reuters) -", "St. Louis"),
    ("VISEU, Portugal —", "Viseu, Portugal"),
    ("LEEDS -LRB- Reuters -RRB- -", "Leeds"),
    ("By Jane Roe WASHINGTON (Reuters) -", "Washington"),
    ("(CNN) —", None),
    ("(AP) —", None),
    ("EL PASO, Texas (KVIA) —", "El Paso, Texas"),
    ("(KVIA) —", None),
    ("Brisbane, May 29 (AAP) -", "Brisbane"),
    ("New Delhi, Mar 3 (PTI)", "New Delhi"),
    ("(AAP) -", None),
    ("Perth (AAP) -", "Perth"),
    ("By Jane Roe, Brisbane, May 29 (AAP) -", None),  # a byline is no place
])
def test_a_cut_dateline_names_its_place(prefix: str, place: str | None) -> None:
    assert dateline_place(prefix) == place


def test_an_article_keeps_the_place_of_its_cut_dateline() -> None:
    text = f"Tram derails\nLEEDS, England (Reuters) - {LEAD}\n{BODY}"
    (art,) = parse_document(RawDocument(item="a.txt", content=text.encode(), content_type="text",
                                        path="a.txt"))
    assert isinstance(art, Article) and art.dateline == "Leeds, England" and art.text.startswith(LEAD[:20])
    assert loads(Article, dumps(art)) == art
    (plain,) = parse_document(RawDocument(item="b.txt", content=f"Tram derails\n{LEAD}\n{BODY}".encode(),
                                          content_type="text", path="b.txt"))
    assert isinstance(plain, Article) and plain.dateline is None


def test_wire_stamp_then_dateline_are_both_cut() -> None:
    cleaned = clean_text(f"LEEDS | Tue Mar 11, 2025 4:22pm GMT LEEDS (Reuters) - {LEAD}")
    assert cleaned.text == LEAD
    assert [r.family for r in cleaned.removed] == ["timestamp", "dateline"]


def test_dateline_is_cut_only_from_the_lead_and_only_before_a_sentence() -> None:
    later = "\n".join([LEAD, BODY, BODY, f"LONDON — {BODY}"])
    assert clean_text(later).text == later  # a fourth line is not a lead any more
    for text in (f"UNICEF — the UN children's agency — said {LEAD}", f"NASA said on Monday that {LEAD}"):
        assert clean_text(text).text == text


def test_title_repeated_as_the_first_line_or_glued_to_the_lead() -> None:
    title = "Hundreds hurt as tram leaves the tracks"
    assert clean_text(f"{title}\n{LEAD}", title=title).text == LEAD
    glued = clean_text(f"{title} {LEAD}\n{BODY}", title=title)
    assert glued.text == f"{LEAD}\n{BODY}"
    assert [(r.text, r.family, r.partial) for r in glued.removed] == [(title, "title", True)]
    # a sentence that merely starts with the title's words goes on in lower case: left whole
    starts = "Hundreds hurt as tram leaves the tracks near the station on Tuesday, police said."
    assert clean_text(starts, title=title).text == starts
    # a two-word title is too likely the sentence's own subject to be cut from a glued line
    assert clean_text(f"Tram crash {LEAD}", title="Tram crash").count == 0


def test_related_list_goes_with_its_header_and_stops_at_prose() -> None:
    text = "\n".join([LEAD, "More on this story", "- Tram line closed after cable fault",
                      "City fares to rise in April", BODY])
    cleaned = clean_text(text)
    assert cleaned.text == f"{LEAD}\n{BODY}"
    assert [r.family for r in cleaned.removed] == ["related"] * 3


def test_chrome_sentences_at_either_end_of_a_line_are_cut_and_prose_stays() -> None:
    line = f"(Reporting by Ina Sorel; Editing by Alan Marsh) {BODY} Follow us on Twitter."
    cleaned = clean_text(f"{LEAD}\n{line}")
    assert cleaned.text == f"{LEAD}\n{BODY}"
    assert [(r.family, r.partial) for r in cleaned.removed] == [("byline", True), ("social", True)]
    middle = f"{LEAD} Advertisement. {BODY}"  # chrome between two article sentences stays put
    assert clean_text(middle).text == middle


def test_text_without_chrome_comes_back_byte_for_byte() -> None:
    text = f"{LEAD}\r\n\r\n{BODY}  \n\n\n{BODY}\n"
    cleaned = clean_text(text, title="Something else entirely")
    assert cleaned.text is text and cleaned.removed == () and cleaned.count == 0


def test_removed_lines_leave_no_blank_runs() -> None:
    cleaned = clean_text(f"Share this with\n\n{LEAD}\n\nAdvertisement\n\n{BODY}\n\nAll rights reserved.")
    assert cleaned.text == f"{LEAD}\n\n{BODY}" and cleaned.count == 3


def test_is_cheap() -> None:
    text = "\n".join([LEAD, BODY, "Share this with", "Email", BODY] * 400)
    began = time.perf_counter()
    cleaned = clean_text(text)
    assert time.perf_counter() - began < 1.0  # ~20 ms here; spaCy takes tens of seconds on this text
    assert cleaned.count == 800


# --- every input kind records the count -------------------------------------------------------


def _doc(content: str, kind: str, item: str = "a.txt") -> RawDocument:
    return RawDocument(item=item, content=content.encode("utf-8"), content_type=kind, path=item)


def test_plain_text_and_markdown_are_cleaned() -> None:
    text = f"Tram derails\n\nBy Harriet Vale, BBC News\n\nLONDON (Reuters) - {LEAD}\n\nAdvert\n\n{BODY}"
    (art,) = parse_document(_doc(text, "text"))
    assert isinstance(art, Article)
    assert art.text == f"{LEAD}\n\n{BODY}" and art.removed_lines == 3 and art.title == "Tram derails"
    (md,) = parse_document(_doc(f"# Tram derails\n\nShare this with\n\n{LEAD} {BODY}", "markdown", "a.md"))
    assert isinstance(md, Article) and md.removed_lines == 1


def test_front_matter_title_glued_to_the_lead_keeps_the_lead() -> None:
    title = "Hundreds hurt as tram leaves the tracks"
    (art,) = parse_document(_doc(f"---\ntitle: {title}\n---\n{title} {LEAD}\n{BODY}", "text"))
    assert isinstance(art, Article)
    assert (art.title, art.text, art.removed_lines) == (title, f"{LEAD}\n{BODY}", 1)


def test_json_and_jsonl_records_are_cleaned() -> None:
    record = {"title": "Tram line to reopen on Monday", "outlet": "Wire",
              "text": f"Tram line to reopen on Monday\nImage caption Rails on the bend\n{LEAD}\n{BODY}"}
    (art,) = parse_document(_doc(json.dumps(record), "json", "a.json"))
    assert isinstance(art, Article) and art.text == f"{LEAD}\n{BODY}" and art.removed_lines == 2
    (line,) = parse_document(_doc(json.dumps(record), "jsonl", "a.jsonl"))
    assert isinstance(line, Article) and line.removed_lines == 2


def test_html_is_cleaned_and_cleaning_can_be_turned_off() -> None:
    html = ("<html><head><title>Tram derails</title></head><body><article><h1>Tram derails</h1>"
            f"<p>Share this with</p><p>Updated 14:02 GMT</p><p>{LEAD}</p><p>{BODY}</p>"
            "<p>Follow us on Twitter</p></article></body></html>")
    (art,) = parse_document(_doc(html, "html", "a.html"))
    assert isinstance(art, Article) and art.removed_lines == 3 and "Twitter" not in art.text
    (raw,) = parse_document(_doc(html, "html", "a.html"), clean=False)
    assert isinstance(raw, Article) and raw.removed_lines == 0 and "Share this with" in raw.text
    assert raw.id != art.id  # ids hash the (cleaned) text


def test_only_chrome_is_rejected_as_too_short() -> None:
    (rejected,) = parse_document(_doc("Title\n\n" + "\n".join(["Share this with", "Email", "Advertisement",
                                                                "Follow us on Twitter"] * 6), "text"))
    assert not isinstance(rejected, Article) and "too short" in rejected.reason


def test_cleaning_is_deterministic_so_ids_are_stable() -> None:
    text = f"Tram derails\n\nBy Harriet Vale, BBC News\n\n{LEAD}\n\n{BODY}"
    first, second = (next(parse_document(_doc(text, "text"))) for _ in range(2))
    assert first == second


def test_stored_articles_without_the_field_read_as_zero() -> None:
    art = Article(id="art_1", title="T", text="x", outlet="O", removed_lines=4)
    assert loads(Article, dumps(art)).removed_lines == 4
    old = json.loads(dumps(art))
    del old["removed_lines"]  # a row written before the field existed
    assert loads(Article, json.dumps(old)).removed_lines == 0


def test_page_furniture_glued_inside_a_line_is_cut_where_it_stands() -> None:
    line = ("Ferry sinks off the cape, says coastguard Page last updated at 08:58 GMT, Thursday, "
            "24 June 2010 09:58 UK The ferry sank off the cape on Wednesday, the coastguard said.")
    cleaned = clean_text(line)
    assert cleaned.text == ("Ferry sinks off the cape, says coastguard The ferry sank off the cape on "
                            "Wednesday, the coastguard said.")
    assert [r.family for r in cleaned.removed] == ["timestamp"]
    cleaned = clean_text("The council met -LRB- an error occurred while processing this directive -RRB- "
                         "and voted.")
    assert cleaned.text == "The council met and voted."


def test_a_readers_comment_goes_and_a_sentence_about_writing_stays() -> None:
    text = ("The ferry sank off the cape on Wednesday, the coastguard said.\n"
            "At 5:49 pm on 05 May 2010 , harbourfan wrote : Ferries have always been late here .\n"
            "At 5 pm on Tuesday the harbour master wrote to the council about the wreck.")
    cleaned = clean_text(text)
    assert "harbourfan" not in cleaned.text and "harbour master wrote" in cleaned.text
    assert [r.family for r in cleaned.removed] == ["comments"]
