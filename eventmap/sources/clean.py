"""Page chrome out of extracted article text, before anything is annotated.

Extraction (trafilatura on a page, a feed's text field, a pasted newsletter) keeps some of a page's
furniture: share bars, "Image copyright ... Image caption ..." lines, photo credits, newsletter boxes
and their error messages, "Read more" lists, navigation, bylines, timestamps, cookie notices,
comment-policy notes and copyright lines. Left in, each becomes a "sentence", then events and actors
("Jane Doe/Reuters" is a PERSON) that merge across unrelated stories.

Precision comes first: a line is dropped only when the whole line has the shape of one chrome family
and, for the families whose shape is loose, does not read as article prose (a long line with a finite
verb that merely contains "share" stays). A line of several sentences loses only the chrome sentences
at its start or end ("(Reporting by Jane Doe) <ad text>"). Datelines and bylines glued to the first
sentence ("LONDON (Reuters) - ", "(CNN) — ") and a known title glued to it are cut as a prefix; the
sentence stays. Everything is regular expressions compiled once at import: most lines cost one
prefilter match, and only lines that pass it are tried family by family.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

FAMILIES = ("title", "share", "media", "caption", "credit", "newsletter", "related", "ads", "nav",
            "social", "byline", "timestamp", "dateline", "cookie", "comments", "legal")


@dataclass(frozen=True)
class Removal:
    text: str  # the line, or the part cut from a line, as it was (stripped)
    family: str  # one of FAMILIES
    partial: bool = False  # cut from a line that stays (a dateline, a glued title, a credit sentence)


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...] = ()

    @property
    def count(self) -> int:
        """Lines dropped plus parts cut from kept lines: what ``Article.removed_lines`` records."""
        return len(self.removed)


@dataclass(frozen=True)
class _Rule:
    family: str
    pattern: re.Pattern[str]
    max_words: int  # chrome of this shape is never longer; a longer line is article text
    guard: bool = False  # loose shape: keep the line anyway if it reads as prose
    # A shape that may start anywhere (".{0,80} contributed to this report") is tried only on lines
    # holding one of these words; the anchored shapes share one prefilter (_ANY).
    needs: tuple[str, ...] = ()


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
_NETWORK = (r"(?:facebook(?: messenger)?|messenger|twitter|x|whatsapp|pinterest|linkedin|reddit|email|"
            r"e-mail|telegram|tumblr|flipboard|instagram|threads|bluesky|mastodon|youtube|tiktok|"
            r"snapchat|sms)")
_AGENCY = (r"(?:Reuters|AP|AFP|CNN(?: Business)?|UPI|Bloomberg|dpa|ANI|PTI|IANS|Xinhua|Yonhap|"
           r"The Associated Press|Associated Press|BBC|NBC News|CBS News|ABC News|CBS|NBC|ABC|"
           # the national agencies of Australia, the UK, Canada, Spain, Italy, Japan, Russia
           r"AAP|PA(?: Media)?|(?:The )?Canadian Press|CP|EFE|ANSA|Kyodo(?: News)?|TASS|"
           # a US station's call sign, as its site datelines its own copy: "AUSTIN (KXAN) —"
           r"[KW][A-Z]{2,3}(?:-(?:TV|DT|FM))?)")
_AGENCY_CREDIT = (r"(?:getty images|afp(?: via getty images)?|reuters|epa(?:-efe)?|pa(?: media| wire)?|"
                  r"ap(?: photo)?|shutterstock|alamy(?: stock photo)?|rex(?:/shutterstock)?|bloomberg|"
                  r"anadolu(?: agency)?|xinhua|nurphoto|sopa images|zuma press|zuma wire|apex|"
                  r"splash news|bbc|cnn|the guardian|mailonline|dailymail\.com|handout|file photo|"
                  r"via reuters|supplied)")
# A capitalised name word: "Jane", "O'Neill", "al-Assad", "J.", "McDONALD" (not a weekday or month).
_NAME = r"(?!(?i:" + _DAY + r"|" + _MONTH + r")\b)[A-Z][\w'’.-]*"
_NAMES = _NAME + r"(?:\s+(?:(?:de|da|van|von|der|bin|al|la|le)\s+)?" + _NAME + r"){0,3}"
_NAME_LIST = _NAMES + r"(?:\s*(?:,|,? and|&)\s+" + _NAMES + r")*"
_PLACE = r"(?:\s+in\s+" + _NAMES + r"(?:,\s*" + _NAMES + r")?)?"
# One sentence: sentence punctuation only inside words ("news@bbc.example", "U.S."), then the end.
_ONE = r"(?:[^.!?]|[.!?](?=\S))*[.!?]?['\"”’)]?"


def _rule(family: str, max_words: int, alternatives: list[str], *, guard: bool = False,
          case: bool = False, needs: tuple[str, ...] = ()) -> _Rule:
    """A family's whole-line shapes; case-free unless ``case`` (names, BBC's own capitals)."""
    pattern = "|".join(f"(?:{a})" for a in alternatives)
    return _Rule(family, re.compile(pattern, re.S | (0 if case else re.I)), max_words, guard, needs)


def _rules() -> tuple[_Rule, ...]:
    """Whole-line shapes, family by family, each with the most words such a line has."""
    credit_role = r"(?:additional |with additional )?(?:reporting|writing|editing|compiled|research|" \
                  r"graphics|produced|edited|written|writing and reporting|reporting and writing)"
    credit = credit_role + r" by " + _NAME_LIST + _PLACE
    return (
        # share bars and counters (single words like "Email" are the token rule below)
        _rule("share", 15, [r".*\((?:opens|will open) in (?:a )?new (?:window|tab)\).*",
                            r".{0,40}\b(?:will )?open in a new (?:window|tab)\.?"],
              needs=("new window", "new tab")),
        _rule("share", 12, [r"share (?:or comment on )?this (?:article|story|page|post|newsletter)\b.{0,40}",
                            r"reuse this content|link copied!?|copy (?:this )?link|\d[\d.,]*k?\s+shares?"]),
        # video and audio players
        _rule("media", 40, [
            r"media playback is (?:unsupported|not supported) on your device\.?",
            r"(?:to play this (?:content|video|audio|clip)|this (?:video|content) (?:can ?not|cannot) be "
            r"played|your (?:browser|device) does not support|you need to (?:enable|have) javascript|"
            r"please (?:enable|turn on) javascript|javascript (?:is|must be) (?:disabled|required|turned "
            r"on))" + _ONE,
            r"visit (?:bbc )?webwise for full instructions\.?",
            r"if you(?:'|’)?re reading (?:this )?(?:via|in an?) (?:rss|feed reader|e-?mail)" + _ONE]),
        _rule("media", 25, [
            r"(?:play|watch|replay)(?: the)? (?:video|clip)|video(?: ad feedback)?|now playing|up next",
            r"duration:? \d{1,2}:\d{2}|\d{1,2}:\d{2}|listen to this (?:article|story)",
            r"(?:\+?\d+\s+)?view (?:the )?gallery|enlarge this image|(?:toggle|hide|show) caption",
            r"view image in fullscreen|open image in gallery|(?:image|photo|picture|slide) \d+ of \d+",
            r"\d+ of \d+|scroll down for (?:video|more)|watch: .{1,120}"]),
        # captions: BBC's image lines (as BBC capitalises them), credits ending a caption, "Pictured:"
        _rule("caption", 90, [
            r"(?:Image|Media|Video) caption\b.*",
            r"(?:Image|Media|Picture) (?:copyright|source)\b[,:]?\s.*\b(?:Image|Media) caption\b.*"],
            case=True),
        _rule("caption", 8, [r"(?:Image|Media|Picture) (?:copyright|source)\b[,:]?\s+[^.!?]{1,60}"],
              case=True),
        _rule("caption", 80, [
            r".{3,400}[.!?]?\s+(?:photograph|photo|picture|illustration|composite|image|video|credit)s?"
            r"\s*:\s*[^.!?]{2,80}"],
            needs=("photo", "picture", "illustration", "composite", "image", "video", "credit")),
        _rule("caption", 80, [r".{3,400}\bREUTERS/[A-Z][\w'’ .-]{1,40}(?:\s+purchase licensing rights)?"],
              needs=("reuters/",)),
        _rule("caption", 80, [
            r"(?:\[\d+/\d+\]|item \d+ of \d+)\s.*",
            r"pictured(?: above| below| left| right| top| inset| here)?(?:\s+\([\w ,-]+\))?\s*:\s*.{3,}"]),
        # photo credits: "Jane Doe/Reuters", "Photograph: Jane Doe/PA", "(Photo by J. Doe/AFP via Getty)"
        _rule("credit", 10, [
            r"(?i:(?:photo(?:graph)?|picture|image|credit|photo credit)s?\s*:?\s*)?" + _NAMES +
            r"\s?/\s?(?:" + _NAMES + r"|(?i:" + _AGENCY_CREDIT + r"))(?:\s+(?i:via)\s+" + _NAMES + r")?"],
            case=True, needs=("/",)),
        _rule("credit", 12, [r"\(?(?:photo|picture|image)s?\s+(?:by|courtesy(?: of)?|:)\s+[^.!?]{2,80}\)?"]),
        _rule("credit", 6, [
            r"(?:(?:photo|image|picture|video)\s*(?:credit)?\s*:\s*)?(?:©\s*)?" + _AGENCY_CREDIT +
            r"(?:\s*/\s*" + _AGENCY_CREDIT + r")?",
            r"(?:photo|image|picture|video|source|credit)\s*:\s*(?:" + _AGENCY_CREDIT +
            r"|facebook|twitter|x|instagram|tiktok|youtube)"]),
        # newsletter boxes, their messages, a newsletter's own header and footer
        _rule("newsletter", 30, [
            r"(?:sign ?up|subscribe|register|join|get|receive)\b.{0,80}\b(?:newsletters?|inbox|"
            r"e-?mail alerts?|e-?mail updates|news alerts|daily briefing|briefing e-?mail|bulletin)\b"
            + _ONE],
            needs=("newsletter", "inbox", "alert", "update", "briefing", "bulletin")),
        _rule("newsletter", 30, [
            r"(?:(?:[^.!?]|[.!?](?=\S))*)\b(?:delivered|sent) (?:straight |directly |right )?to your inbox\b"
            + _ONE], needs=("to your inbox",)),
        _rule("newsletter", 30, [
            r"(?:sorry, )?(?:there was a problem|something went wrong|oops)\b.{0,60}\b(?:sign(?:ing)? ?"
            r"(?:you )?up|subscri\w+|try again)\b" + _ONE,
            r"(?:was this|forwarded this|did someone forward (?:you )?this) (?:e-?mail|newsletter)"
            r"(?: forwarded)?(?: to you)?\?",
            r"or to participate\.?",
            r"get (?:the|our|all the) (?:latest )?(?:news|headlines|stories)\b[^.!?]{0,60}[.!]?"]),
        _rule("newsletter", 40, [r"(?:[^.!?]|[.!?](?=\S))*\bsign ?up here\.?"], needs=("up here",)),
        # a newsletter's pitch to the reader ("The Morning Digest newsletter brings you ..."); a sentence
        # about a newsletter that does not speak to "you" stays
        _rule("newsletter", 30, [r"[^.!?]{0,60}\bnewsletters?\b[^.!?]{0,100}\byour?\b" + _ONE],
              needs=("newsletter",)),
        _rule("newsletter", 70, [
            r"privacy notice\s*:.*",
            r"by (?:signing up|subscribing|submitting|entering your e-?mail|clicking)\b.{0,200}"
            r"\b(?:privacy|terms|policy|agree)\b" + _ONE]),
        _rule("newsletter", 8, [
            r"(?:newsletter sign[- ]?up|newsletters?|sign ?up|subscribe(?: now| here| today)?|reply|"
            r"thank you for (?:subscribing|signing up)|thanks for (?:subscribing|signing up)|"
            r"you(?:'|’)re (?:all set|subscribed)|we have more newsletters|see our privacy notice|show me|"
            r"invalid e-?mail(?: address)?|please enter a valid e-?mail(?: address)?|"
            r"enter your e-?mail(?: address)?|(?:your )?e-?mail address|(?:skip past|after) newsletter "
            r"promotion|unsubscribe|manage (?:your )?(?:preferences|subscriptions?|newsletters)|"
            r"view (?:this e-?mail |it )?in (?:your |a )?browser|click here to subscribe|"
            r"please try again(?: later)?)[.!:]?"]),
        # "Read more" and "Related" links (the list after a header is handled in clean_text)
        _rule("related", 25, [
            r"(?:read more|related|see also|also read|read next|more|watch|listen|recommended|top story|"
            r"most read)(?:\s*[:|]\s*|\s+(?:–|—|-|»|>)\s+)\S.*",
            r"related (?:article|story|video|content|link)s?\s+\S.*"], guard=True),
        _rule("related", 8, [
            r"(?:read|click here to read|continue reading)(?: the)?(?: full| more| rest of the)?"
            r"(?: story| article)?(?: here)?\.?"]),
        # advertising
        _rule("ads", 8, [
            r"(?:skip )?advert(?:isement)?s?|ad feedback|sponsored(?: content| stories| links)?",
            r"paid (?:content|post|partner content)|promoted(?: stories| content)?",
            r"(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|advert|ad))?",
            r"continue reading(?: the main story| below)?|scroll (?:down )?to continue(?: with content)?"]),
        # navigation and site furniture
        _rule("nav", 12, [
            r"(?:home|menu|main menu|search|close|skip to (?:main )?(?:content|navigation)|back to top|"
            r"jump to|sections?|next|previous|next (?:article|story)|previous (?:article|story)|"
            r"toggle navigation|open navigation|accessibility links|sign in|log ?in|register|"
            r"find out more|learn more|more info(?:rmation)?)\.?",
            r"already (?:a subscriber|have an account)\??.{0,20}|more from [\w .'’&-]{1,40}",
            r"(?:terms (?:of (?:use|service)|(?:&|and) conditions)|privacy (?:policy|notice)|"
            r"cookie (?:policy|settings|preferences)|accessibility(?: help)?|contact us|about us|"
            r"advertise(?: with us)?|site ?map|help|faq)(?:\s*[|•·]\s*[\w' &]{1,30})*\.?",
            r"why you can trust [\w .]{1,30}|purchase licensing rights"]),
        # follow us, apps
        _rule("social", 25, [
            r"(?:follow|like|find|join|connect with|chat with|subscribe to)\s+(?:us|@\w+|.{1,60}?)\s+on\s+"
            + _NETWORK + r"\b" + _ONE], guard=True),
        _rule("social", 14, [r".{1,60}\bon (?:twitter|x|instagram|threads|bluesky|tiktok)\s*:?\s*@\w+\.?"],
              guard=True, needs=("@",)),
        _rule("social", 14, [
            r"@\w+",
            r"download (?:the|our) .{1,40} app\.?|get the .{0,30}app\.?"], guard=True),
        # bylines and credits (names are capitalised, so these shapes are case-sensitive)
        _rule("byline", 16, [
            r"(?i:by)\s+" + _NAME_LIST + r"(?:\s*(?:,|\||–|—|-)\s*(?:(?:The|the|Our|our)\s+)?"
            r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|for|and|in|at|on|the)){0,7}|"
            r"\s+(?i:for|in)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3})?"], case=True),
        _rule("byline", 10, [
            _NAMES + r",?\s+(?i:(?:the \w+(?:'|’)s |our |senior |chief )?(?:[\w-]+ ){0,3}(?:correspondent|"
            r"editor|reporter|writer|producer|journalist|columnist))(?: (?i:in|at) [\w ]{1,20})?"], case=True,
            needs=("correspondent", "editor", "reporter", "writer", "producer", "journalist", "columnist")),
        _rule("byline", 10, [
            r"(?:BBC News|BBC Sport|BBC World Service|CNN|Reuters|The Guardian|Associated Press)"
            r"(?:,\s*[A-Z][\w ]{1,30})?"], case=True),
        # "(Reporting by Jane Doe in Leeds; Editing by John Smith)": names only, so a sentence that
        # starts "Written by Jane Doe, the play stars ..." does not fit
        _rule("byline", 60, [
            r"\(?" + credit + r"(?:\s*[;,:]?\s*(?:and\s+)?" + credit + r")*\s*[.)]*\.?"]),
        _rule("byline", 30, [
            r".{0,160}?\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))"
            r"(?: from [\w ,.]+?)?(?: to this (?:report|story))?\s*[.)]*['\"”]?"], needs=("contributed",)),
        _rule("byline", 30, [
            r"the (?:opinions|views) expressed (?:here |in this (?:article|commentary|column|piece) )?are "
            r"(?:solely )?(?:his|her|their|the author(?:'|’)s|those of the author)(?: own)?\.?"]),
        # reading time (timestamps, "Updated 14:02 GMT", are the token rule below)
        _rule("timestamp", 6, [r"\d+\s*(?:-| )?(?:min(?:ute)?s?|mins?) read\.?|reading time\s*:.{1,20}"]),
        # cookie banners
        _rule("cookie", 90, [
            r"(?:we|this (?:web)?site|our (?:web)?site|[\w.]+) (?:use|uses|may use) cookies\b" + _ONE,
            r"by (?:continuing|using|clicking|browsing|staying)\b.{0,160}\bcookies?\b" + _ONE,
            r"we and our (?:\d+ )?(?:partners|vendors)\b" + _ONE,
            r"(?:accept|reject|allow|manage|customi[sz]e|decline)(?: all)?(?: cookies?| settings| "
            r"preferences| choices)?\.?",
            r"cookie (?:consent|notice|banner|preferences)",
            r"do not sell (?:or share )?my personal information"]),
        # comment sections, readers' contributions
        _rule("comments", 45, [
            r"we welcome comments\b" + _ONE, r"views expressed in (?:the )?comments\b" + _ONE,
            r"this discussion is (?:now )?closed\.?",
            r"comments? (?:are|is|have been|has been) (?:now )?(?:closed|disabled|turned off)\b" + _ONE,
            r"(?:(?:a selection of )?your )?comments may be (?:published|edited)\b" + _ONE,
            r"(?:please )?(?:get involved and )?(?:post|leave|add|write) (?:a|your) comments?\b" + _ONE,
            r"have your say\b.{0,40}|join the (?:conversation|discussion|debate)\b.{0,40}",
            r"(?:show|view|hide|read) (?:all )?(?:\d+ )?comments?|comments?(?: \(\d+\)| \d+)?|\d+ comments?",
            r"report abuse|sort by (?:newest|oldest|most recommended|top|best)\b.{0,40}",
            r"your (?:contact details|e-?mail address) will (?:never|not) be published\.?",
            r"(?:e-?mail|contact)(?: us)?:?\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?",
            r"send us an e-?mail\.?|(?:do you have|got) (?:a story|a news tip|information|a tip)\b" + _ONE,
            r"send (?:us )?your (?:story ideas|stories|news tips|tips|pictures|photos|videos)\b" + _ONE,
            r"share (?:your|what you) (?:thoughts|think|views|story|experiences?|pictures)\b" + _ONE,
            r"when sending us pictures\b" + _ONE,
            r"read (?:our|the) (?:house rules|community (?:guidelines|standards)|comment(?:ing)? "
            r"(?:policy|guidelines))\.?",
            r"(?:please )?(?:e-?mail us to )?report (?:offensive|abusive|inappropriate) comments?\b" + _ONE,
            r"you must be (?:logged|signed) in to (?:report|post|leave|add|write|comment)\b" + _ONE,
            r"this comment (?:was|has been) removed\b" + _ONE,
            r"(?:the )?comments (?:to|on|for) this (?:entry|post|story|article|blog) are (?:now )?closed\.?",
            r"(?:subscribe to .{1,60}?\s+)?you can stay up to date with .{1,60} via these feeds\.?"]),
        _rule("comments", 45, [r"[^.!?]{0,40}\bmay edit your comments\b" + _ONE],
              needs=("may edit your comments",)),
        # a reader's comment under the article: "At 5:49 pm on 05 May 2009, a reader wrote: ..."
        _rule("comments", 400, [r"at \d{1,2}[:.]\d{2}\s*[ap]\.?m\.? on \d{1,2}\s+" + _MONTH + r"\s+\d{4}\s*,"
                                r"\s*\S{1,40}(?:\s\S{1,20})?\s+wrote\s*:.*"], needs=("wrote",)),
        _rule("nav", 15, [r"click (?:here|next|on|the|to|image|for|below)\b" + _ONE,
                          r"(?:scroll|swipe) (?:down|up|left|right|across|through|for)\b" + _ONE,
                          r"tap (?:here|to|on|the|for)\b" + _ONE]),
        # a pointer to the page's furniture: "You can view the map by clicking the image below."
        _rule("nav", 20, [r"[^.!?]{0,90}\bby (?:clicking|tapping) (?:on )?(?:the|this) (?:image|link|button|"
                          r"banner|map|picture|graphic)s? (?:below|above)\b" + _ONE],
              needs=("clicking", "tapping")),
        # copyright and legal lines
        _rule("legal", 60, [r".{0,120}\ball rights reserved\.?"], needs=("all rights reserved",)),
        _rule("legal", 60, [
            r"[^.!?]{0,60}\bis not responsible for (?:any |the )?content (?:of|in|on|posted (?:by|on)) "
            r"(?:this press release|(?:(?:external|third[- ]party|other|linked) )?(?:internet )?(?:sites?|"
            r"websites?|pages|third parties|the comments))\.?['\"”]?"], needs=("not responsible",)),
        _rule("legal", 60, [
            r"©.{0,120}",
            r"(?:this|all|the) (?:material|materials|article|content|copy|story)s?\b.{0,50}\bmay not be "
            r"(?:published|reproduced|republished|broadcast|rewritten|redistributed|copied|in its final "
            r"form)\b" + _ONE,
            r"you may not (?:alter|remove|copy|reproduce|republish|redistribute)\b" + _ONE,
            r"read about our approach to external linking\.?|our standards\s*:.{0,60}",
            r"click (?:here )?for restrictions\.?"]),
        # "Copyright 2016 ...", "(c) Example News Company, LLC 2010": a year must be there, and prose
        # stays ("(c) the council ignored the warnings in 2024." is an item of a list)
        _rule("legal", 20, [r"(?:.{0,60}\b)?(?:copyright|\(c\))\s*(?:©\s*)?.{0,60}?\b(?:19|20)\d\d\b"
                            + _ONE], guard=True, needs=("copyright", "(c)")),
    )


_RULES = _rules()


def _alternation(rules: list[_Rule]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?{'i' if r.pattern.flags & re.I else '-i'}:{r.pattern.pattern})"
                               for r in rules), re.S)


# One alternation of the anchored rules a line of n words may have (those allowing n words or more):
# most article lines fail it at once, so they cost one call, and long lines try few shapes.
_LIMITS = sorted({r.max_words for r in _RULES if not r.needs})
_ANY = tuple(_alternation([r for r in _RULES if not r.needs and r.max_words >= limit]) for limit in _LIMITS)
# The words that let a floating rule be tried (plain substring tests of the lowered line: a regex
# alternation of them, tried at every position, cost six times more).
_KEYWORDS = tuple(sorted({w for r in _RULES for w in r.needs}))

# Token rules: a short line made only of these words is chrome ("Share", "Facebook Twitter Email",
# "Close share panel"; "Tue 11 Mar 2025 14.02 GMT", "March 11, 2025 / 4:22 PM / Updated 2 hours ago").
_SHARE_WORDS = frozenset(
    "share shares sharing this on with via to the article story page post link copy copied tweet pin it "
    "email e-mail facebook messenger twitter x whatsapp pinterest linkedin reddit telegram tumblr "
    "flipboard sms print save send click opens in new window tab a panel close friend friends and or "
    "your gift options url mail".split())
_SHARE_NEED = frozenset(
    "share shares tweet email e-mail facebook messenger twitter whatsapp pinterest linkedin reddit telegram "
    "flipboard print".split())
_TIME_WORDS = frozenset(
    "updated published posted modified created last first ago hour hours minute minutes mins min day days "
    "on at".split())
_CLOCK_WORDS = frozenset(  # a time of day or zone, or a stamp word: a bare date line may be a heading
    "gmt bst utc cet cest edt est et pdt pst pt cdt cst ist aest jst am pm a.m. p.m. updated published "
    "posted modified ago".split())
_TIME_TOKEN = re.compile(rf"(?i:{_MONTH}\.?|{_DAY}\.?|\d{{1,4}}(?:st|nd|rd|th)?|"
                         r"\d{1,2}[:.]\d{2}(?:am|pm)?|\d{1,2}(?:am|pm)|[|/•·,–—-]+)")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d(?:am|pm)$", re.I)
_OPENS = re.compile(r"(?i)\((?:opens|will open) in (?:a )?new (?:window|tab)\)")
_TOKEN = re.compile(r"[\w@.'’-]+")
_NAV_SPLIT = re.compile(r"\s+[|›»>•·]\s+")
_NAV_MARK = re.compile(r"[|›»>•·]")
_NAV_PART = re.compile(r"[A-Z][\w&'’-]*(?:\s+[\w&'’-]+){0,3}")

# Lead prefixes: cut from the front of the first lines, keeping the sentence that follows.
_SENTENCE_START = r"(?=[\"“‘'(]?[A-Z0-9])"
_WIRE_DATELINE = (r"(?:[A-Z][\w.'’-]*(?:[ ,/]+[A-Z][\w.'’-]*){0,5},?\s+)?(?:(?:(?i:" + _MONTH +
                  r")\.?\s+\d{1,2}|\d{1,2}\s+(?i:" + _MONTH + r"))(?:,?\s+\d{4})?\s+)?(?:\(|-LRB-\s*)"
                  + _AGENCY + r"(?:\)|\s*-RRB-)")
# The place a dateline names: a city in capitals, then a region as written ("KOUROU, French Guiana, Dec
# 4 (Reuters) -", "NEW YORK, June 2 (Reuters) -", "VISEU, Portugal —"), after any byline before it.
_DATELINE_PLACE = re.compile(
    r"(?:^|\s)([A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3})(?:,\s*(?!(?i:" + _MONTH + r")\b)"
    r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))?(?=[\s,(]|-LRB-|$)")


_AGENCY_MARK = re.compile(r"\((?:" + _AGENCY + r")\)|-LRB-")
_TITLED_PLACE = re.compile(r"\s*(?!(?i:" + _MONTH + r"|by)\b)([A-Z][a-z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
                           r"(?=\s*(?:,|$|--?|–|—))")
_AGENCIES = frozenset({"AP", "AFP", "CNN", "UPI", "BBC", "PA", "ANI", "PTI", "IANS", "DPA", "AAP", "CP",
                       "EFE", "ANSA", "TASS"})


def dateline_place(removed: str) -> str | None:
    """The place a cut dateline names, its city no longer in capitals ("Kourou, French Guiana");
    None for an agency alone ("(CNN) —")."""
    # the agency in brackets is no place, a station's call sign ("(KXAN) —") least of all
    bare = re.sub(r"\([^)]*\)|-LRB-.*?-RRB-", " ", removed)
    found = _DATELINE_PLACE.search(bare)
    if found is None and _AGENCY_MARK.search(removed):
        # the agencies that dateline in title case: "Brisbane, May 29 (AAP) -", "New Delhi, Mar 3 (PTI)"
        titled = _TITLED_PLACE.match(bare)
        return titled.group(1) if titled else None
    if found is None or found.group(1) in _AGENCIES:
        return None
    city = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in found.group(1).split())
    return f"{city}, {found.group(2)}" if found.group(2) else city


# (family, pattern, fewest words that must follow): a wire dateline's agency marks it surely, so even
# a short rest ("Acme Plc (ACME." where a tokenizer broke the line) keeps it from being cut
_PREFIXES = (
    # "LEEDS | Tue Mar 11, 2025 4:22pm GMT ", "Tue, Mar 11 16:22 PM GMT " (a wire page's stamp)
    ("timestamp", re.compile(
        r"(?:[A-Z][\w .,'’/-]{1,50}?\s*\|\s*)?(?:(?i:" + _DAY + r")\.?,?\s+)?(?i:" + _MONTH + r")\.?\s+"
        r"\d{1,2}(?:\s*,?\s*\d{4})?\s*,?\s+\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*"
        + _SENTENCE_START), 4),
    # "LONDON (Reuters) - ", "WASHINGTON, March 11 (Reuters) - ", "(CNN) — ", "LEEDS -LRB- Reuters -RRB- -"
    ("dateline", re.compile(_WIRE_DATELINE + r"\s*(?:(?:--?|–|—|:)\s*)?" + _SENTENCE_START), 1),
    # "VISEU, Portugal — ", "PORT TALBOT -- ": a place in capitals, then a dash
    ("dateline", re.compile(
        r"[A-Z][A-Z.'’-]{2,}(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
        r"\s+(?:--?|–|—)\s+" + _SENTENCE_START), 4),
    # "By Jane Doe, BBC News ", "By Jane Doe | ", "By Jane Doe and John Roe WASHINGTON (Reuters) - "
    ("byline", re.compile(
        r"(?i:by)\s+" + _NAMES + r"(?:\s+(?:and|&)\s+" + _NAMES + r")?\s*(?:,\s*(?:BBC News|BBC Sport|CNN|"
        r"Reuters|Associated Press|AP|AFP|Bloomberg|[\w ]{1,40}? (?i:correspondent|editor|reporter))\s+|"
        r"\s+(?:\||–|—|--?)\s+|\s+(?=" + _WIRE_DATELINE + r"))" + _SENTENCE_START), 4),
)
_LEAD_LINES = 3  # prefixes are looked for on the first kept lines only
# Glued anywhere, cut as a prefix: a newsletter footer fused to the next heading ("or to
# participate.Next title"), a photo credit before a paragraph ("(Jane Doe - Getty Images) The ...").
_GLUED = (
    ("newsletter", re.compile(r"(?i:or to participate\.)\s*" + _SENTENCE_START)),
    ("credit", re.compile(r"\([A-Z][^()]{1,60}?(?:\s[-–—/]\s?|/)(?i:" + _AGENCY_CREDIT + r")\)\s+"
                          + _SENTENCE_START)),
)
# Page furniture a flattened page glues anywhere into a line ("... says sister Page last updated at
# 08:58 GMT, Thursday, 24 June 2010 09:58 UK Michael Jackson was ..."): phrases no article sentence
# holds, cut where they stand.
_INLINE = (
    ("timestamp", re.compile(r"\s*Page last updated at \d{1,2}:\d{2}\s*GMT\s*,\s*(?i:" + _DAY + r")\s*,\s*"
                             r"\d{1,2}\s+(?i:" + _MONTH + r")\s+\d{4}(?:\s+\d{1,2}:\d{2}\s+UK)?")),
    ("nav", re.compile(r"\s*(?:-LRB-|\(|\[)\s*an error occurred while processing this directive\s*"
                       r"(?:-RRB-|\)|\])", re.I)),
)
# Where a line of several sentences splits, for chrome sentences at its start or end.
# Not after an initial or a title ("Dr. Jack", "Steven E. Koonin", "U.S. President").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?)])(?<!\b[A-Z]\.)(?<!\b(?:Dr|Mr|Ms|St|No|Jr|Co|Lt)\.)"
                             r"(?<!\b(?:Mrs|Gov|Sen|Rep|Gen|Col|Inc|Ltd|Sgt)\.)(?<!\b(?:Prof|Dept)\.)"
                             r"['\"”’]?\s+(?=[\"“‘'(]?[A-Z])")

_MAYBE_BREAK = re.compile(r"[.!?)]['\"”’]?\s+[\"“‘'(]?[A-Z]")

# Prose: enough words, a finite verb or reporting word, sentence punctuation at the end.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|"
                     r"did|does|said|says|say|told|tells|added|announced|according|[a-z]{3,}ed)\b")
_END = re.compile(r"[.!?]['\"”’)]?$")
_HEADLINE_END = re.compile(r"[.;,:]$")
_BULLET = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")
_BULLET_START = frozenset("-*•·–0123456789")
_RELATED_HEAD = re.compile(
    r"(?i:(?:related(?: articles| stories| topics| content| coverage| links| reading)?|more on this "
    r"(?:story|topic)|more (?:stories|news|coverage)(?: from [\w .'’&-]{1,40})?|most (?:read|popular|"
    r"viewed|shared|watched)|you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you"
    r"| stories| reading)?|top stories|see also|read next|read more|trending(?: now| stories)?|explore "
    r"more on (?:these|this) topics?|also (?:read|on [\w ]{1,20})|don(?:'|’)t miss|latest (?:news|stories)|"
    r"in other news|more to explore|editor(?:'|’)?s picks|features (?:&|and) analysis|(?:suggested )?topics|"
    r"elsewhere on (?:the )?[\w ]{1,20}|around the (?:bbc|web)|more from (?:the )?[\w .'’&-]{1,40}|"
    r"related article)\s*[:.]?)")
_RELATED_ITEMS = 12  # the most headline lines dropped after one "Related" header


def _words(line: str) -> int:
    return len(line.split())


def _unbullet(line: str) -> str:
    """"- Messenger" -> "Messenger": extractors write list items with a marker."""
    return _BULLET.sub("", line) if line[:1] in _BULLET_START else line


def reads_as_prose(line: str) -> bool:
    """A sentence of the article rather than page furniture: long, a finite verb, final punctuation."""
    return _words(line) >= 10 and bool(_END.search(line)) and bool(_FINITE.search(line))


def _token_family(line: str, n_words: int) -> str | None:
    """Short lines made only of share words ("Share this with Email Facebook") or of date and time
    words with a clock or a stamp word ("Tue 11 Mar 2025 14.02 GMT"; "14 March 2025" alone may be a
    heading of a timeline and stays)."""
    if n_words > 16:
        return None
    tokens = line.split()
    first = tokens[0].lower().strip(".,:;'’!")
    if first in _SHARE_WORDS or first.isdigit():
        words = [t.strip(".'’") for t in _TOKEN.findall(_OPENS.sub(" ", line).lower())]
        if all(w in _SHARE_WORDS or w.isdigit() for w in words) and _SHARE_NEED.intersection(words):
            return "share"
    if not (first in _TIME_WORDS or first in _CLOCK_WORDS or _TIME_TOKEN.fullmatch(first)):
        return None  # most lines: a first word that is no part of a stamp
    dated = clocked = False
    for token in tokens:
        low = token.lower().strip(",:;")
        if not low:
            continue
        if low in _TIME_WORDS or low in _CLOCK_WORDS:
            clocked = clocked or low in _CLOCK_WORDS
            continue
        if not _TIME_TOKEN.fullmatch(low):
            return None
        dated = dated or any(ch.isdigit() for ch in low)
        clocked = clocked or bool(_CLOCK.search(low))
    return "timestamp" if dated and clocked else None


def _nav_family(line: str, n_words: int) -> str | None:
    """"Home | World | Sport", "News › World › Europe": three or more short capitalised parts."""
    if n_words > 25 or not _NAV_MARK.search(line):
        return None
    parts = _NAV_SPLIT.split(line)
    if len(parts) >= 3 and all(_NAV_PART.fullmatch(p.strip()) for p in parts):
        return "nav"
    return None


def chrome_family(line: str) -> str | None:
    """The chrome family of one stripped line standing alone (its shape, a "Related" header, or every
    sentence of it chrome), or None when it is, or may be, article text."""
    family = _shape_family(line)
    if family is None and _RELATED_HEAD.fullmatch(_unbullet(line)):
        return "related"
    if family is None and (split := _chrome_sentences(line)) is not None and not split[1]:
        return split[0][0].family
    return family


def _shape_family(line: str, keywords: tuple[str, ...] = _KEYWORDS) -> str | None:
    """The family whose whole-line shape ``line`` (stripped) has, or None. ``keywords``: the gate
    words to look for (clean_text passes those its whole text holds, usually a handful)."""
    line = _unbullet(line)
    n_words = _words(line)
    if not n_words:
        return None
    bucket = bisect_left(_LIMITS, n_words)
    anchored = bucket < len(_ANY) and _ANY[bucket].fullmatch(line) is not None
    low = line.lower() if keywords else ""
    found = {w for w in keywords if w in low}
    if anchored or found:
        prose = None
        for rule in _RULES:
            if n_words > rule.max_words or not (found.intersection(rule.needs) if rule.needs else anchored):
                continue
            if rule.pattern.fullmatch(line):
                if rule.guard:
                    prose = reads_as_prose(line) if prose is None else prose
                    if prose:
                        continue
                return rule.family
    return _token_family(line, n_words) or _nav_family(line, n_words)


def _chrome_sentences(line: str, keywords: tuple[str, ...] = _KEYWORDS,
                      ) -> tuple[list[Removal], str, list[Removal]] | None:
    """For a line of several sentences: the chrome sentences at its start, what stays, and the chrome
    sentences at its end; None when neither end is chrome. A chrome sentence in the middle of
    article sentences is left where it is."""
    if not _MAYBE_BREAK.search(line):  # cheap first: the exact break has five look-behinds
        return None
    parts = [p.strip() for p in _SENTENCE_BREAK.split(line)]
    head: list[Removal] = []
    tail: list[Removal] = []
    lo, hi = 0, len(parts)
    while lo < hi and (family := _shape_family(parts[lo], keywords)):
        head.append(Removal(parts[lo], family, partial=True))
        lo += 1
    while hi > lo and (family := _shape_family(parts[hi - 1], keywords)):
        tail.insert(0, Removal(parts[hi - 1], family, partial=True))
        hi -= 1
    if not head and not tail:
        return None
    return head, " ".join(parts[lo:hi]), tail


def _headline_like(line: str) -> bool:
    """An item of a "Related" list: a short line that does not end like a sentence of the article."""
    line = _unbullet(line)
    return (_words(line) <= 16 and not _HEADLINE_END.search(line) and not _END.search(line.rstrip("?!"))
            and line[:1].isupper())


def _title_cut(line: str, title: str) -> tuple[str, str] | None:
    """(title part, rest) when ``line`` is the title, or starts with it glued to the next sentence.

    Only an exact, word-for-word prefix of three or more words followed by a capital letter is cut: a
    sentence that merely begins like its title ("Police arrest two men after ...") goes on in lower
    case and is left whole.
    """
    words = title.split()
    if not words:
        return None
    if line.split() == words:
        return line, ""
    if len(words) < 3:
        return None
    head = re.match(r"\s+".join(map(re.escape, words)) + r"(?:\s*[:|–—-])?\s+" + _SENTENCE_START, line)
    if head is None or _words(line[head.end():]) < 4:
        return None
    return line[:head.end()], line[head.end():]


def _cut_prefixes(line: str) -> tuple[str, list[Removal]]:
    cuts: list[Removal] = []
    progress = True
    while progress:  # "LEEDS | Tue Mar 11, 2025 4:22 pm GMT LEEDS (Reuters) - A tram ...": two cuts
        progress = False
        for family, pattern, rest in _PREFIXES:
            m = pattern.match(line)
            if m and m.end() < len(line) and _words(line[m.end():]) >= rest:
                cuts.append(Removal(line[:m.end()].strip(), family, partial=True))
                line = line[m.end():]
                progress = True
                break
    return line, cuts


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """``text`` without its page chrome, and what was removed, in order.

    ``title`` (when known) is dropped where the text repeats it as its first line, or cut where the
    first line starts with it glued to the first sentence. The text comes back unchanged, byte for
    byte, when nothing is removed.
    """
    kept: list[str] = []
    removed: list[Removal] = []
    lead = 0  # kept non-blank lines so far: prefixes are cut on the first _LEAD_LINES
    related = 0  # headline lines still to drop after a "Related" header
    low = text.lower()
    keywords = tuple(w for w in _KEYWORDS if w in low)  # once per text instead of once per line
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            kept.append(raw)
            continue
        if title and lead == 0:  # the title, before any kept line, as a line or glued to the lead
            cut = _title_cut(line, title)
            if cut is not None:
                removed.append(Removal(cut[0].strip(), "title", partial=bool(cut[1])))
                title = None
                if not cut[1]:
                    continue
                line = cut[1]
        family = _shape_family(line, keywords)
        header = _RELATED_HEAD.fullmatch(_unbullet(line)) is not None
        if family is None and (header or (related and _headline_like(line))):
            family = "related"
        if family is None and (split := _chrome_sentences(line, keywords)) is not None:
            head, line, tail = split
            if not line:  # every sentence of the line is chrome: the line goes, as one
                removed.append(Removal(raw.strip(), head[0].family))
                continue
            removed.extend(head + tail)
        if family is not None:
            removed.append(Removal(line, family))
            related = _RELATED_ITEMS if header else max(related - 1, 0)
            continue
        related = 0
        if lead < _LEAD_LINES:
            line, cuts = _cut_prefixes(line)
            removed.extend(cuts)
        for glued_family, pattern in _GLUED:
            if glued := pattern.match(line):
                removed.append(Removal(line[:glued.end()].strip(), glued_family, partial=True))
                line = line[glued.end():]
        for inline_family, pattern in _INLINE if "page last updated" in low or "directive" in low else ():
            for found in list(pattern.finditer(line))[::-1]:
                removed.append(Removal(found.group().strip(), inline_family, partial=True))
                line = (line[:found.start()].rstrip() + " " + line[found.end():].lstrip()).strip()
        lead += 1
        kept.append(line if line != raw.strip() else raw)
    if not removed:
        return Cleaned(text)
    out = re.sub(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+", "\n\n", "\n".join(kept)).strip()
    return Cleaned(out, tuple(removed))
