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
