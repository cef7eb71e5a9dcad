"""Story clustering on two invented earthquakes: the articles of each quake form one story."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eventmap.nlp.stories import StoryDoc, story_clusters

QUAKE_NORTH = [
    ("2031-02-10", "A magnitude 6.8 earthquake struck the mountain town of Velmora before dawn on Monday, "
     "collapsing the old bell tower and cutting the road to the Aster valley. Governor Ilse Tarnow said "
     "rescue teams were digging through rubble in the market square."),
    ("2031-02-11", "Rescuers in Velmora pulled survivors from the ruins of the bell tower a day after the "
     "earthquake. Governor Tarnow asked for more excavators, and the Aster valley road stayed closed by "
     "landslides."),
    ("2031-02-13", "Three days after the Velmora quake, aftershocks still rattle the Aster valley. Tarnow "
     "announced temporary shelters in the market square and a fund to rebuild the bell tower."),
]
QUAKE_SOUTH = [
    ("2031-07-02", "An earthquake of magnitude 7.1 shook the port city of Caldrosa on Wednesday afternoon, "
     "sinking two piers into the harbour and starting fires in the fish market. Mayor Rufo Anzar ordered "
     "ferries to stay at sea."),
    ("2031-07-03", "Fires in the Caldrosa fish market were put out overnight after the earthquake, Mayor "
     "Anzar said. Divers inspected the sunken piers, and the harbour remains closed to ferries."),
    ("2031-07-06", "Caldrosa reopened its harbour to ferries on Saturday. Anzar said the piers that sank in "
     "the quake would be rebuilt, and traders from the fish market moved to tents on the seafront."),
]


def test_two_earthquakes_make_two_stories() -> None:
    docs = [StoryDoc(f"north{i}", text, date) for i, (date, text) in enumerate(QUAKE_NORTH)]
    docs += [StoryDoc(f"south{i}", text, date) for i, (date, text) in enumerate(QUAKE_SOUTH)]
    stories = [{docs[i].id for i in s} for s in story_clusters(docs)]
    assert sorted(stories, key=min) == [{"north0", "north1", "north2"}, {"south0", "south1", "south2"}]


def test_the_time_window_splits_a_place_hit_twice() -> None:
    # The same words months apart: with a 60-day window these are two happenings, not one story.
    docs = [StoryDoc("a", QUAKE_NORTH[0][1], "2031-02-10"), StoryDoc("b", QUAKE_NORTH[1][1], "2031-02-11"),
            StoryDoc("c", QUAKE_NORTH[0][1], "2032-09-01")]
    assert story_clusters(docs) == [[0, 1], [2]]
    assert story_clusters(docs, window_days=1000) == [[0, 1, 2]]


def test_no_articles_no_stories() -> None:
    assert story_clusters([]) == []


LAUNCH = ("{country} fired a {missile} ballistic missile from the {site} launch site on {day}, its "
          "defence ministry said. The missile flew {km} kilometres before falling into the {sea}, and "
          "{leader} watched the launch. Neighbouring {neighbour} called an emergency security meeting.")


def _launch(day: str, km: int) -> str:
    return LAUNCH.format(country="Norvania", missile="Hawkspear-4", site="Tarvel", day=day, km=km,
                         sea="Gray Sea", leader="Marshal Oren Daskal", neighbour="Elsland")


def test_two_launches_of_one_kind_a_month_apart_are_two_stories() -> None:
    # The same words and names: only the dates tell two happenings apart.
    docs = [StoryDoc("a1", _launch("Monday", 900), "2031-03-03"),
            StoryDoc("a2", _launch("Monday", 900), "2031-03-04"),
            StoryDoc("b1", _launch("Friday", 1200), "2031-04-04"),
            StoryDoc("b2", _launch("Friday", 1200), "2031-04-05")]
    assert story_clusters(docs) == [[0, 1], [2, 3]]


MATCHES = {
    "first": ("The Harbor City Gulls beat the Redmont Foxes 3-1 at Quayside Park, with striker Teo Vance "
              "scoring twice against the Foxes before the break. Redmont keeper Adi Lorne saved a penalty "
              "from Vance late on, but the Foxes could not come back."),
    "second": ("The Kestrel Bay Rovers stunned the Harbor City Gulls 2-0 at Rovers Ground. Rovers winger "
               "Mika Sarro curled in the opener and captain Jules Orrin headed a second, while the Gulls "
               "failed to test Rovers goalkeeper Benno Haltz."),
}


def test_two_matches_of_one_team_in_one_week_are_two_stories() -> None:
    docs = []
    for key, day in (("first", "2031-05-03"), ("second", "2031-05-07")):
        text = MATCHES[key]
        sentences = text.split(". ")
        # Three outlets each: the same facts, told in a different order.
        for n, order in enumerate((sentences, sentences[::-1], sentences[1:] + sentences[:1])):
            docs.append(StoryDoc(f"{key}{n}", ". ".join(order), day, title=f"Gulls match report {n}"))
    assert story_clusters(docs) == [[0, 1, 2], [3, 4, 5]]


def test_one_happening_told_by_many_outlets_over_three_days_is_one_story() -> None:
    days = ["2031-02-10", "2031-02-11", "2031-02-12"]
    # The entities a build finds in each report come with it, as in merge.story_docs.
    names = ("ent_velmora", "ent_tarnow", "ent_aster_valley")
    docs = [StoryDoc(f"north{i}", QUAKE_NORTH[i % 3][1], days[i % 3], names, title=f"Velmora report {i}")
            for i in range(19)]
    assert story_clusters(docs) == [list(range(19))]


def _quake_report(i: int, date: str, town: str) -> StoryDoc:
    text = (f"A powerful earthquake struck {town} province on Friday, killing at least twelve people, "
            "collapsing homes and a colonial church, the national emergency agency said. The magnitude "
            "6.8 quake was felt across the region, and the geological survey warned of aftershocks. "
            "Rescuers searched the rubble through the night as the death toll rose.")
    return StoryDoc(f"{town}{i}", text, date, title=f"Earthquake kills twelve in {town}")


def test_reports_leading_with_one_kind_of_happening_days_apart_are_two_stories() -> None:
    from eventmap.nlp.stories import LEAD_APART_DAYS, Lead, leads_apart

    # Two quakes ten days apart, told in nearly the same words: by words alone, one story.
    north = [_quake_report(i, d, "Varosh") for i, d in enumerate(("2031-03-13", "2031-03-13", "2031-03-14"))]
    south = [_quake_report(i, d, "Kelund") for i, d in enumerate(("2031-03-23", "2031-03-23", "2031-03-24"))]
    assert len(story_clusters(north + south)) == 1
    day = dt.date(2031, 3, 13).toordinal()

    def led(doc: StoryDoc, shift: int, stated: bool = True) -> StoryDoc:
        return dataclasses.replace(doc, leads=(Lead("attack", day + shift, stated),))

    north = [led(d, 0) for d in north]
    south = [led(d, 10, stated=False) for d in south]
    assert sorted(map(len, story_clusters(north + south))) == [3, 3]
    # one happening's reports: a stated day within the tolerance, or an unstated one within four days
    assert not leads_apart(north[0], dataclasses.replace(north[1], leads=(Lead("attack", day + 2, True),)))
    assert not leads_apart(north[0], led(dataclasses.replace(south[0], date="2031-03-17"), 4, stated=False))
    # reports published within the tolerance never split, whatever day one lead was read as
    assert not leads_apart(north[0], dataclasses.replace(north[2], leads=(Lead("attack", day - 7, True),)))
    assert LEAD_APART_DAYS < 3
    # a report cannot lead with a happening stated for days after it came out
    league = dataclasses.replace(north[0], date="2031-03-13", leads=(Lead("match", day, False),))
    cup = dataclasses.replace(north[0], date="2031-03-18", leads=(Lead("match", day + 4, True),))
    assert leads_apart(league, cup)
    assert not leads_apart(league, dataclasses.replace(cup, leads=(Lead("match", day + 1, True),)))
    # leads of different kinds say nothing
    assert not leads_apart(north[0], dataclasses.replace(south[0], leads=(Lead("election", day + 10, True),)))


def test_report_leads_takes_lead_happenings_with_their_own_day_or_the_publication_day() -> None:
    from eventmap.models import Timex
    from eventmap.nlp.event_coref import MentionRecord
    from eventmap.nlp.stories import Lead, report_leads

    friday = Timex("on Friday", 0, 9, "DATE", "2031-03-13", "2031-03-13", "2031-03-13", "day")
    march = Timex("in March", 0, 8, "DATE", "2031-03", "2031-03-01", "2031-03-31", "month")
    records = [
        MentionRecord("m1", "a", "strike", time=friday, time_explicit=True, lead=True,
                      published="2031-03-14"),
        MentionRecord("m2", "a", "say", lead=True, published="2031-03-14"),  # reporting: any report
        MentionRecord("m3", "a", "kill", lead=False, published="2031-03-14"),  # not in the lead
        MentionRecord("m4", "b", "kill", lead=True, published="2031-03-20"),  # unstated: its day
        MentionRecord("m5", "b", "flood", time=march, time_explicit=True, lead=True, published="2031-03-20"),
    ]
    leads = report_leads(records)
    assert leads["a"] == (Lead(records[0].event_class, dt.date(2031, 3, 13).toordinal(), True),)
    assert leads["b"] == (Lead(records[3].event_class, dt.date(2031, 3, 20).toordinal(), False),)


def test_an_undated_report_in_a_dated_stream_takes_the_day_of_the_reports_telling_its_lead() -> None:
    from eventmap.models import Article, Event
    from eventmap.stages.merge import dates_from_leads

    def art(aid: str, published: str | None) -> Article:
        return Article(aid, f"Title {aid}", "text", "Outlet", published=published)

    articles = [art("a", "2031-09-02"), art("b", "2031-09-03"), art("c", None), art("d", "2031-12-10")]
    # c's lead ("m3") tells the premiere that a and b report; its background recalls the award (d)
    premiere = Event("e1", "The film premiered", "premiere", None, (), None, ("m1", "m2", "m3"),
                     ("a", "b", "c"), ())
    award = Event("e2", "The film won", "win", None, (), None, ("m4", "m5"), ("d", "c"), ())
    leads_of = {"m1": "a", "m2": "b", "m3": "c", "m4": "d"}
    assert dates_from_leads(articles, [premiere, award], leads_of) == {"c": "2031-09-03"}
    # a stream of mostly undated pages gets no estimate: a few dated pages say too little
    mostly_undated = [art("a", "2031-09-02"), art("b", None), art("c", None)]
    assert dates_from_leads(mostly_undated, [premiere], leads_of) == {}


def test_an_estimated_day_keeps_a_report_out_of_stories_weeks_away_without_a_closeness_bonus() -> None:
    north = [_quake_report(i, d, "Varosh") for i, d in enumerate(("2031-03-13", "2031-03-13"))]
    south = [_quake_report(i, d, "Kelund") for i, d in enumerate(("2031-05-23", "2031-05-23"))]
    undated = dataclasses.replace(_quake_report(9, "", "Kelund"), date=None)
    # undated, it is within any window: it ties the two quakes (two months apart) into one story
    assert len(story_clusters(north + south + [undated])) == 1
    dated = dataclasses.replace(undated, date="2031-05-23", estimated=True)
    assert sorted(map(len, story_clusters(north + south + [dated]))) == [2, 3]
