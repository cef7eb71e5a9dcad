"""Story clustering on two invented earthquakes: the articles of each quake form one story."""

from __future__ import annotations

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
