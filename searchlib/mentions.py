"""Who a text names, and who speaks in it: the patterns of names, titles and speech cues.

A roster of the people a text introduces with a role ("Mr. Yerzhan Ashikbayev, Deputy
Minister of Foreign Affairs", "Deputy Minister of Foreign Affairs Roman Vassilenko met"),
titled mentions ("President Tokayev"), the cues reporters use ("according to X", "X said",
", said the Deputy Minister"), a speech's author from its title or byline, and a
transcript's speaker labels. ``extract`` combines them into each passage's speakers and
persons; nothing here reads metadata or knows about other documents. Texts in Russian
have their own finders, with the same signatures, in ``russian``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from . import people, places
from .document import Document

__all__ = [
    "BYLINE_LINES",
    "TRANSCRIPT_LABELS",
    "DocPeople",
    "Mention",
    "find_mentions",
    "byline_lines",
    "find_roster",
    "is_event_report",
    "mentions_surname",
    "passage_cues",
    "speech_author",
    "surname_of",
    "transcript_labels",
]

BYLINE_LINES = 8  # where an op-ed names its author ("By X, President of ...")
TRANSCRIPT_LABELS = 2  # times one person's label must open a paragraph to make a transcript

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_LOW = "a-zß-öø-ÿā-žа-яё"
_WORD = rf"(?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}}(?![{_LOW}]))"
_TOKEN = rf"(?:[OD]['’](?=[{_UP}]))?{_WORD}(?:-(?:{_WORD}|[{_LOW}]+)|['’][{_UP}][{_LOW}]+)*"
_PARTICLE = (
    r"(?:de|da|dos|van|von|der|[Bb]in|[Ii]bn|[Aa]l|[Ee]l|la|le|du)"  # "Khalid Bin Nasser Al Rashed"
)
_SP = r"[ \t\u00a0]+"  # names never run across lines
_INITIALS = rf"[{_UP}]\.(?:-?[{_UP}]\.)*"  # "K.", "K.K.", "K.-J."
_NAME = rf"{_TOKEN}(?:{_SP}(?:{_PARTICLE}{_SP}{_TOKEN}|{_INITIALS}|{_TOKEN})){{0,3}}"

# A title, with the words that qualify it ("Deputy Foreign Minister", "First Vice-President").
_TITLE_MODIFIERS = (
    r"(?:(?:Deputy|Vice|First|Acting|Foreign|Prime|State|Special|Executive|Official|Permanent|High|Press"
    r"|Assistant|Under"
    # a portfolio before "Minister": "Justice Minister Marat Beketayev"
    r"|(?:Justice|Energy|Finance|Defen[cs]e|Health|Education|Agriculture|Economy|Trade"
    r"|Industry|Culture|Information|Ecology|Labou?r|Transport|Interior|Tourism|Emergencies)"
    r"(?=[ \t]+Minister))"
    r"[ \t-]+)*"
)
_ROLE_TITLES = (
    rf"{_TITLE_MODIFIERS}(?:Minister|President|Secretary[- ]General|Secretary\s+of\s+State"
    r"|Secretary|Ambassador(?:-at-[Ll]arge|\s+Extraordinary\s+and\s+Plenipotentiary|(?!\s+Extraordinary))|Senator|Governor|Mayor|Chairman|Chairwoman|Chairperson|Speaker"
    r"|Envoy|Commissioner|Representative|Spokes(?:person|man|woman)|Director(?:[- ]General)?"
    r"|Chancellor|Counsell?or|Prosecutor(?:[- ]General)?|Akim"
    r"|Head\s+of\s+(?:State|Government)|FM(?=[ \t]+[A-Z][a-z]))"  # "Deputy FM Roman Vassilenko"
    r"|King|Queen|Crown\s+Prince|Prince|Emir|Sheikh|General|Professor|Prof\."
)
_COURTESY = r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|H\.\s?E\.|His\s+Excellency|Her\s+Excellency|Sir|Dame"
_HON = rf"(?:{_COURTESY}|(?:{_ROLE_TITLES})(?![\w-]))"
_TITLED = rf"(?:{_HON}[ \t]*)+{_NAME}"
_HON_RE = re.compile(rf"(?<![\w.]){_HON}")
_TITLE_WORD_RE = re.compile(
    r"(?:Minister|President|Ambassador|Secretary|Chairman|Chairwoman|Governor|Mayor|Senator)s?"
)
_ROLE_TITLE_RE = re.compile(rf"^(?:(?:{_COURTESY})\s*)*(?P<title>{_ROLE_TITLES})\b")

_ROLE_WORD = (
    r"(?i:Deputy|Vice|Minister|President|Chairman|Chairwoman|Chairperson|Chair|Ambassador"
    r"|Director|Head|Secretary|Professor|Senior|Chief|Executive|Founder|Co-founder|Member"
    r"|Adviser|Advisor|Spokesperson|Spokesman|Spokeswoman|Governor|Mayor|Senator|Permanent"
    r"|Special|First|Acting|Former|Foreign|Prime|Leader|Dean|Rector|Fellow|Researcher"
    r"|Analyst|Editor|CEO|Commissioner|Envoy|Representative|Expert|Coordinator|Manager"
    r"|Partner|Lecturer|Associate|Assistant|Consul|Counsellor|Counselor|Moderator|Journalist)\b"
)
# Each pattern that starts with a name first looks ahead for a capital: the same matches,
# but most positions fail at once instead of trying every title (4x faster on speeches).
_ROSTER_RE = re.compile(
    rf"(?=[{_UP}])(?P<who>(?:{_HON}\s*)*{_NAME})\s*,\s+(?:(?:the|a|an)\s+)?"
    rf"(?P<role>{_ROLE_WORD}[^.;:()\n]{{0,120}}?)"
    rf"(?=\s+and\s+(?:{_HON}|{_TOKEN}\s+{_TOKEN}\s*,)|\s*[.;:()\n]|\s*,\s+(?:and\s+)?{_HON}"
    rf"|\s*,\s+and\s|\s*,\s+(?:at|during|before|who|which)\s|\s*$)"
)
# "Deputy Minister of Foreign Affairs of Kazakhstan Aslan Berikov met": the role comes first,
# as press releases write it. The role is title-case words and connectives; the name is the
# two words (and an initial or particle) before punctuation or a use as a name: a verb
# ("... Aslan Berikov met"), or the next person of a list ("... and the Minister of ...").
_CONNECTIVE = r"(?:of|to|for|and|the|in|on|at|de|du|des|la|le|del|da)"
_NAME_USE = (
    rf"{_SP}(?!{_CONNECTIVE}\b|{_PARTICLE}{_SP})[{_LOW}]"
    rf"|{_SP}and{_SP}(?:the{_SP})?(?:{_HON}|{_ROLE_WORD})"
    r"|,\s*who\b"  # "… Secretariat Lena Vogt, who shared …": only a person is a "who"
)
_NAME_USE_RE = re.compile(_NAME_USE)
# A patronymic between given name and surname: Kassym-Jomart Kemeluly Tokayev.
_PATRONYMIC = rf"[{_UP}][{_LOW}]+(?:uly|ulı|kyzy|qyzy|ovich|evich|ovna|evna|ichna|oglu|ogly)"
_NOT_COURTESY = (
    r"(?!(?:Mr|Mrs|Ms|Dr|Sir|Dame)\b)"  # "of Foreign Affairs Mr. X": no name "Affairs Mr"
)
# Offices that are no titles before a name ("Consultant to the OSCE Secretariat X").
_OFFICE_NOUNS = r"Adviser|Advisor|Consultant|Rector|Dean|Coordinator|Member|Founder|Editor"
_ROLE_FIRST_RE = re.compile(
    # A first office and a dash may come before: "Deputy Prime Minister – Minister of …".
    rf"(?=[{_UP}])(?<![\w.])(?P<role>(?:(?:{_ROLE_TITLES}){_SP}[–—-]{_SP})?"
    rf"(?:{_ROLE_TITLES}|Head|Chief|{_OFFICE_NOUNS}){_SP}(?:of|to|for){_SP}"
    rf"(?:(?:{_CONNECTIVE}|[{_UP}][\w'’-]*|[–—]){_SP}){{1,16}}?)"
    rf"(?:(?:{_COURTESY}){_SP})?"  # "Ambassador of Kazakhstan Mr. Nurlan Abenov"
    rf"(?P<who>{_TOKEN}(?:{_SP}{_PARTICLE}{_SP}{_TOKEN}){{2,3}}"  # "Khalid Bin Nasser Al Rashed"
    rf"|{_TOKEN}(?:{_SP}(?:[{_UP}]\.|{_PATRONYMIC}|{_PARTICLE}))?{_SP}{_NOT_COURTESY}{_TOKEN}"
    rf"|{_TOKEN}{_SP}{_INITIALS}"  # initials after the surname: "Akkenzhenov A.S."
    rf"|{_INITIALS}{_SP}?{_TOKEN})"  # or before it: "B. Omarov"
    rf"(?=\s*[,.;:()\n]|\s*$|{_NAME_USE})"
)
# Where a role runs on into the sentence: "Prime Minister, holds the same view", or a news
# agency's credit ("governor of Abai region, Kazinform reports …").
_RUN_ON_RE = re.compile(
    rf",\s+(?=[{_LOW}])|,\s+\S+\s+(?=(?:has|have|reports?|cites?|informs?|learn(?:s|t|ed))\b)"
)
_TITLED_RE = re.compile(rf"(?=[{_UP}])(?<![\w.]){_TITLED}")

_ROLE_REF = (
    r"[Tt]he\s+(?:(?P<nation>[A-Z][a-z]{2,})\s+)?(?P<ref>(?:(?:[Dd]eputy|[Vv]ice|[Pp]rime|[Ff]oreign|[Ff]irst|[Cc]hief|[Ss]enior"
    r"|[Ee]xecutive|[Aa]cting|[Ss]pecial|[Pp]ermanent|[Oo]fficial"
    r"|[A-Z][a-z]{2,}(?=\s+[Mm]inister\b))[\s-]+)*"  # a portfolio: "the Energy Minister"
    r"(?:[Mm]inister|[Pp]resident|[Aa]mbassador|[Cc]hairman|[Cc]hairwoman|[Cc]hairperson"
    r"|[Cc]hair|[Dd]irector|[Ss]ecretary(?:-[Gg]eneral)?|[Hh]ead\s+of\s+(?:[Ss]tate|[Gg]overnment)"
    r"|[Hh]ead|[Ss]peaker|[Gg]overnor|[Mm]ayor"
    r"|[Pp]rofessor|[Ss]pokes(?:person|man|woman)|[Ee]nvoy|[Rr]epresentative|[Cc]ommissioner"
    r"|[Dd]iplomat))"
    r"(?![\w-])"
)
_WHO = rf"(?:{_TITLED}|{_ROLE_REF}|{_NAME})"
_VERBS = (
    r"said|says|stated|states|stressed|stresses|highlighted|highlights|noted|notes|added|adds"
    r"|concluded|concludes|emphasi[sz]ed|emphasi[sz]es|underlined|underlines|underscored"
    r"|pointed\s+out|explained|explains|remarked|observed|argued|argues|declared|announced"
    r"|affirmed|reaffirmed|reiterated|insisted|warned|commented|mentioned|recalled|asserted"
    r"|told|continued|summari[sz]ed|informed|briefed|urged|assured|instructed|called\s+on"
    r"|outlined|spoke|reminded"
)
# Verbs that report speech only after their subject: "X proposed …", "X expressed hope …"
# ("…, proposed X" is rare, and "described Mr. X as" is no cue).
_SUBJECT_VERBS = (
    rf"{_VERBS}|expressed|proposed|suggested|confirmed|replied|responded|acknowledged"
    r"|admitted|believes|clarified|pledged|vowed|voiced|described|predicted|cautioned"
    r"|shared|offered\s+to"  # a proposal ("offered to discuss"), not a gift ("offered a grant")
)
# Words between a speaker and the verb: "X also noted", "X has told", "X has also said".
_ADV = (
    r"(?:(?:also|further|then|later|again|repeatedly|firmly|strongly|once\s+again"
    r"|has|had|have)(?:\s+(?:also|further|again))?)"
)
# An aside between a speaker and the verb: "Ambassador X, in turn, noted", or the speaker's
# role: "Zhanseit Tuimebayev, Rector of the University, underlined".
_ASIDE = (
    r"(?:,\s*(?:in\s+(?:turn|(?:his|her|their)\s+turn)|for\s+(?:his|her|their)\s+part)\s*,"
    # "X, in an interview with Kazinform, spoke about …", "X, during his remarks, noted"
    r"|,\s*(?:in|during)\s+(?:an?|his|her|their)\s+\w+\b[^,.;:()\n\"“”]{0,100},"
    # … and without commas: "X in his speech noted"
    r"|\s+in\s+(?:his|her|their)\s+(?:opening\s+|welcoming\s+|closing\s+)?"
    r"(?:speech|remarks|address|statement|report|presentation)"
    rf"|,\s+(?:the\s+)?{_ROLE_WORD}[^,.;:()\n\"“”]{{0,150}}?,)"
)
# ... and after a role, where its speech is: "X, Deputy Consul, in his remarks to the
# students, expressed …".
_THEN_IN_SPEECH = (
    r"(?:\s*(?:in|during)\s+(?:his|her|their)\s+(?:speech|remarks|address|statement)\b"
    r"[^,.;:()\n\"“”]{0,100},)?"
)
# What a report's protagonist does: "Kassym-Jomart Tokayev held a meeting with …".
_ACTS = (
    r"held|holds|received|receives|met|meets|chaired|chairs|visited|visits|signed|signs"
    r"|attended|attends|took\s+part|addressed|addresses|congratulated|welcomed|paid"
)
_LEAD_SUBJECT_RE = re.compile(
    rf"(?=[{_UP}])(?<![\w.-])(?P<who>{_NAME}){_SP}(?:{_ADV}{_SP})?(?:{_ACTS}|{_SUBJECT_VERBS})\b"
)
# A name set off by a comma after its role; the role is looked for only before such a name
# (a few commas per passage, where a pattern tried at every "the" was slow).
_NAME_AFTER_COMMA_RE = re.compile(
    rf",\s+(?P<who>(?:(?:{_COURTESY})\s*)?{_NAME})\s*(?=,|\s(?:{_ADV}\s+)?(?:{_SUBJECT_VERBS})\b)"
)
_ROLE_BEFORE_COMMA = [
    # "The Foreign Minister of Kazakhstan, Mukhtar Tleuberdi, said" and "the Cuban
    # ambassador to this country, Pablo Rojas, …"
    re.compile(
        rf"(?<![\w-])(?<!\bof\s)(?<!\bto\s)(?<!\bfor\s)(?:[Tt]he|[{_UP}][{_LOW}]+['’]s)\s+"
        rf"(?P<role>(?:[{_UP}][{_LOW}]+\s+)?{_ROLE_WORD}[^,.;:()\n\"“”]{{0,100}})\Z"
    ),
    # "Ambassador of Kazakhstan, H.E. Aidar Bekov stated": a complete role, no "the".
    re.compile(
        rf"(?<![\w.-])(?P<role>(?:{_ROLE_TITLES}){_SP}(?:of|to|for){_SP}[^,.;:()\n\"“”]{{1,100}})\Z"
    ),
]
# "his Russian counterpart Sergey Lavrov": a person named by the office they share.
_COUNTERPART_RE = re.compile(rf"\b(?:counterpart|colleague)s?,?{_SP}(?P<who>{_NAME})")
_LEAD_OBJECT_RE = re.compile(
    rf"(?=[wabrm])\b(?:with|and|received|receives|met|meets|by){_SP}(?P<who>{_NAME})"
)
# "…, said first deputy minister of energy of Kazakhstan Serik Abenov after the vote":
# a role in lower case between the verb and the name, as news agencies write it.
_LOWER_ROLE_RE = re.compile(
    rf"(?:[,;:\"”“]|--|—)\s*(?P<verb>said|says|told|noted|stressed|added|stated)\s+"
    r"(?P<role>(?:(?:first|deputy|vice|acting|prime|foreign|senior|chief|executive|special"
    r"|permanent|press)\s+)*(?:minister|ambassador|president|secretary|spokes(?:person|man"
    r"|woman)|chairman|chairwoman|director|governor|mayor|head|representative|envoy"
    rf"|advis[eo]r)(?:\s+(?:of|to|for)(?:\s+(?:[{_LOW}]+|[{_UP}][\w'’-]*)){{1,12}}?)?)\s+"
    rf"(?P<who>{_TOKEN}{_SP}{_TOKEN})(?=\s*[,.;:()\n]|\s*$|{_NAME_USE})"
)
# Where a quotation or clause ends before "said X": a closing single quote only after
# punctuation ("…together,’ said X"), since an apostrophe may end a word ("leaders’").
_CLAUSE_END = r"(?:[,;:\"”“]|--|—|(?<=[,.!?])[’'])"
# "said Kazakh Foreign Minister X": a country's adjective before the title.
_DEMONYM = rf"(?:(?!{_HON})[{_UP}][{_LOW}]+{_SP}(?={_HON}))?"
# "said Deputy Prime Minister, Minister of Foreign Affairs X": a first office before it.
_FIRST_OFFICE = rf"(?:(?:{_ROLE_TITLES})(?:,|{_SP}[–—-]){_SP}(?={_HON}|Head\b|Chief\b))?"
# Where a sentence begins: a subject there does what the sentence's verbs say.
_SENTENCE_START = r"(?:\A|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s))"
# What a speaker does before speaking, in the same sentence: "X thanked the hosts and noted".
_BEFORE_SPEAKING = rf"(?:{_ACTS}|made|thanked|opened|delivered|gave|presented|expressed|took)"
# The last word before the name is a person's ("according to military expert X") or says
# it is their words ("according to a statement by Mr. X"), not
# "according to the Chicago Tribune" or "according to the agreed Sustainable Development Goals".
_LOWER_ROLE_NOUN = (
    r"(?:expert|analyst|economist|scholar|historian|scientist|professor|journalist|observer"
    r"|commentator|official|diplomat|spokes(?:man|woman|person)|representative|ambassador"
    r"|minister|director|head|chairman|adviser|advisor|researcher|lawyer|politician|deputy)"
)
_CUES = [
    # "according to military expert Aidar Bekov": a role in lower case may come first.
    ("according to", re.compile(rf"\b[Aa]ccording\s+to\s+(?P<who>{_WHO})")),
    (  # … where the name ends the phrase ("the prestigious Lonely Planet travel guide")
        "according to",
        re.compile(
            rf"\b[Aa]ccording\s+to\s+(?:[{_LOW}]+{_SP}){{0,3}}(?:{_LOWER_ROLE_NOUN}{_SP}"
            r"|(?:statement|remarks|words|speech|interview|estimates?|views?)\s+(?:of|by)\s+)"
            rf"(?P<who>{_WHO})(?=\s*[,.;:)]|\s*$)"
        ),
    ),
    (
        "speaker before verb",
        re.compile(
            # "X, who shared information about …" too
            rf"(?=[{_UP}t])(?<![\w.])(?P<who>{_WHO})(?:{_ASIDE}{_THEN_IN_SPEECH}|\s*,(?P<rel>\s+who)?)?\s+"
            rf"(?:{_ADV}\s+)?"
            rf"(?P<verb>{_SUBJECT_VERBS})\b"
        ),
    ),
    (
        "speaker before verb",
        re.compile(
            rf"{_SENTENCE_START}{_DEMONYM}(?P<who>{_TITLED}|{_ROLE_REF}|{_NAME}){_SP}"
            rf"(?:{_ADV}{_SP})?{_BEFORE_SPEAKING}\b[^.;:!?\"“”\n]{{0,120}}?{_SP}and{_SP}"
            rf"(?:{_ADV}{_SP})?(?P<verb>{_SUBJECT_VERBS})\b"
        ),
    ),
    (  # "Foreign Minister Li Wei delivered remarks by video …"
        "speech given",
        re.compile(
            rf"(?=[{_UP}t])(?<![\w.])(?P<who>{_WHO}){_SP}(?:{_ADV}{_SP})?"
            r"(?P<verb>(?:delivered|made|gave)\s+(?:an?\s+|his\s+|her\s+)?(?:keynote\s+|opening\s+"
            r"|welcoming\s+|closing\s+|video\s+)?(?:speech|remarks|address|statement|presentation)"
            r"|took\s+the\s+floor)\b"
        ),
    ),
    (  # "Consultant to the OSCE Secretariat Valery Orlov presented a paper and stressed …"
        "speaker before verb",
        re.compile(
            _SENTENCE_START
            + _ROLE_FIRST_RE.pattern
            + rf"{_SP}(?:{_ADV}{_SP})?{_BEFORE_SPEAKING}\b[^.;:!?\"“”\n]{{0,120}}?{_SP}and{_SP}"
            rf"(?:{_ADV}{_SP})?(?P<verb>{_SUBJECT_VERBS})\b"
        ),
    ),
    (
        "verb before speaker",
        re.compile(
            rf"{_CLAUSE_END}\s*(?P<verb>{_VERBS})\s+{_DEMONYM}{_FIRST_OFFICE}(?P<who>{_WHO})"
        ),
    ),
    (  # "…, said Deputy Prime Minister – Minister of Foreign Affairs Talgat Serikbayev."
        "verb before speaker",
        re.compile(
            rf"{_CLAUSE_END}\s*(?P<verb>{_VERBS})\s+{_DEMONYM}{_FIRST_OFFICE}"
            + _ROLE_FIRST_RE.pattern
        ),
    ),
    ("verb before speaker", _LOWER_ROLE_RE),
    (  # "Here is the full text of Aidar Bekov's address:", and the address follows
        "speech text",
        re.compile(
            rf"\b(?:[Tt]ext|[Ww]ords)\s+of\s+(?P<who>{_WHO})['’]s?\s+"
            r"(?P<verb>speech|address|remarks|statement|message|lecture)\b"
        ),
    ),
    (  # "Below is the speech of Ambassador Aidar Bekov at the reception:", and it follows
        "speech text",
        re.compile(
            r"\b(?P<verb>speech|address|remarks|statement|message|lecture)\s+(?:of|by|from)\s+"
            rf"(?P<who>{_WHO})[^.:;!?\n\"“”]{{0,100}}:[ \t]*(?=\n|\Z)"
        ),
    ),
]
# Cheap pre-checks: a passage without these cannot match the cue patterns above, and
# most passages have none, so the expensive patterns are skipped (same results, faster).
_VERB_RE = re.compile(rf"\b(?:{_SUBJECT_VERBS})\b")
_SAYING_RE = re.compile(_VERBS)  # verbs that say a subject speaks, whatever its words
_SPEECH_TITLE = re.compile(
    r"^\s*(?:(?:(?:Opening|Closing|Keynote|Welcoming|Video)\s+)?"
    r"(?:Statement|Address|Speech|Remarks|Message|Lecture|Keynote|Interview|Op-ed)s?"
    # "Full text of the video message from President X"
    r"|(?:Full\s+)?[Tt]ext\s+of\s+(?:the\s+|[Hh]is\s+|[Hh]er\s+)?"
    r"(?:(?:opening|closing|keynote|welcoming|video)\s+)?"
    r"(?:statement|address|speech|remarks|message|lecture))"
    r"(?:\s+(?:delivered|made|given))?\s+(?:by|of|from|(?<=Interview\s)with)\s+(?P<who>.+?)"
    rf"(?:\s*,\s*(?P<role>{_ROLE_WORD}[^,:()–—]*?))?"
    r"(?=\s+(?:at|to|on|in|during|before|for|at)\s|\s*[,:(–—]|\s+-\s|\s*$)"
)
# "Foreign Minister Dana Omarova’s remarks at …", "President of Kazakhstan X’s State of
# the Nation Address": the speech named after its speaker.
_POSSESSIVE_TITLE_RE = re.compile(
    rf"^\s*(?P<who>(?:(?:{_HON}|{_CONNECTIVE}|[{_UP}][\w'’-]*)[ \t]+){{0,14}}?{_NAME})['’]s?[ \t]+"
    r"(?:[\w-]+[ \t]+){0,5}?(?:[Rr]emarks|[Ss]peech|[Aa]ddress|[Ss]tatement|[Mm]essage"
    r"|[Ll]ecture|[Ii]nterview|[Aa]rticle|[Oo]p-ed)\b"
)
# "By Kassym-Jomart Tokayev, President of ...": an author's byline near the top.
_BYLINE_RE = re.compile(
    rf"^[ \t]*(?:[Bb]y|BY|[Ww]ritten\s+by|[Aa]uthor:)[ \t]+(?P<who>(?:{_HON}[ \t]*)*{_NAME})"
    # The role on the same line, or on the next: "by H.E. Mr. X,\nMinister of …".
    rf"(?:[ \t]*,(?:[ \t]*|[ \t]*\n[ \t]*)(?P<role>{_ROLE_WORD}[^\n]{{0,150}}?))?[ \t.,]*$",
    re.MULTILINE,
)
# "Kassym-Jomart Tokayev, President of the Republic of Kazakhstan" on a line of its own:
# an op-ed's byline without "By".
_NAME_LINE_RE = re.compile(
    rf"^[ \t]*(?P<who>(?:{_HON}[ \t]*)*{_NAME})[ \t]*,[ \t]*"
    rf"(?P<role>{_ROLE_WORD}[^\n.]{{0,150}}?)[ \t.]*$",
    re.MULTILINE,
)
_QUOTED_RE = re.compile(r"[\"“][^\"“”\n]{0,600}[\"”]")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Mm]y|me|I'm|I’m)\b")
# A transcript's speaker label at the start of a paragraph: "Mukhtar Tileuberdi: We are …",
# "Q: …", "A: …" (the answers are the author's).
# ... and in Russian: "Вопрос: …", "Ответ: …", "Мурат Нуртлеу: …".
_CY_UP, _CY_LOW = "А-ЯЁӘҒҚҢӨҰҮҺІ", "а-яёәғқңөұүһі"  # Russian and Kazakh letters
_CY_WORD = rf"[{_CY_UP}][{_CY_LOW}]+(?:-[{_CY_UP}][{_CY_LOW}]+)?"
_CYRILLIC_NAME = rf"{_CY_WORD}(?:[ \t]+{_CY_WORD}){{0,2}}"
_CY_CAPS_NAME = rf"[{_CY_UP}]{{2,}}(?:-[{_CY_UP}]{{2,}})?(?:[ \t]+[{_CY_UP}]{{2,}}){{1,2}}"
_ANSWERS, _QUESTIONS = {"A", "Answer", "Ответ"}, {"Q", "Question", "Вопрос"}
_LABEL_RE = re.compile(
    rf"^[ \t]*(?P<who>Q|A|Question|Answer|Вопрос|Ответ|(?:{_HON}[ \t]*)*{_NAME}"
    rf"|{_CYRILLIC_NAME}|{_CY_CAPS_NAME}|(?:[А-ЯЁ]\.[ \t]?){{1,2}}[А-ЯЁ][а-яё]+"
    rf"|(?:[A-Z]\.[ \t]?){{1,2}}{_TOKEN})"
    # "К.Волков:", "A.N. Borisov:", and a short form for later labels: "Dana Omarova (DO):"
    r"(?:[ \t]*\((?P<short>[^()\n]{1,30})\))?"
    # A label on a line of its own may give the role, as a broadcast's script does:
    # "АЙГҮЛ ОМАРОВА, ТІЛШІ:" and the words on the next line.
    r"(?:,[ \t]*(?P<role>[^:\n]{2,80}?)(?=[ \t]*:[ \t]*\n))?"
    r"[ \t]*:(?:[ \t]+(?=\S)|[ \t]*\n(?=[ \t]*\S))",
    re.MULTILINE,
)
_EVENT_RE = re.compile(
    r"\b(?:webinar|seminar|conference|panel|round\s?table|forum|symposium|workshop|briefing"
    r"|discussion|lecture|dialogue|speakers|panell?ists)s?\b"
    # … and in Russian (and Kazakh), whose words decline
    r"|\b(?:вебинар|семинар|конференци|форум|кругл\w+\s+стол|симпозиум|брифинг|дискусси"
    r"|спикер)\w*",
    re.IGNORECASE,
)
_STOP_CAPS = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "as",
    "by",
    "with",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "its",
    "and",
    "but",
    "also",
    "then",
    "today",
    "yesterday",
    "last",
    "next",
    "however",
    "when",
    "while",
    "after",
    "before",
    "during",
    "both",
    "all",
    "some",
    "many",
    "most",
    "each",
    "according",
    "there",
    "here",
    "what",
    "who",
    "which",
    "if",
    "so",
    "not",
    "no",
    "one",
    *("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    # conjunctions and adverbs that open a sentence: "Since Isaiah spoke of …"
    "since",
    "because",
    "although",
    "though",
    "until",
    "unless",
    "whereas",
    "thus",
    "hence",
    "indeed",
    "perhaps",
    "now",
    "yet",
    "even",
    "only",
}
_ORG_WORDS = {
    "ministry",
    "institute",
    "government",
    "office",
    "department",
    "agency",
    "committee",
    "council",
    "union",
    "organisation",
    "organization",
    "bank",
    "party",
    "parliament",
    "court",
    "embassy",
    "university",
    "center",
    "centre",
    "foundation",
    "commission",
    "service",
    "group",
    "company",
    "corporation",
    "association",
    "republic",
    "state",
    "states",
    "nations",
    "assembly",
    "administration",
    "country",
    "report",
    "statement",
    "declaration",
    "policy",
    "strategy",
    "programme",
    "program",
    "treaty",
    "forum",
    "secretariat",
    # agreements and meetings speak only figuratively: "the Manila Accord states"
    "accord",
    "accords",
    # groups of states "express" positions: "the Non-Aligned Movement expressed"
    "movement",
    "ssr",
    "agreement",
    "charter",
    "convention",
    "conference",
    "covenant",
    "pact",
    "protocol",
    "resolution",
    "summit",
    "communique",
    "affairs",
    "debate",
    "session",
    "meeting",
    "mission",
    "united",
    # plural groups that "have said" something: "the Western Powers", "Human Rights"
    "power",
    "territory",
    "territories",
    "right",
    "force",
    "people",
    "fund",
    # companies named like a title and a name: "General Motors", "General Electric"
    "motors",
    "electric",
    "dynamics",
    "atomics",
    "mills",
    "foods",
    "industries",
    "holdings",
    "airlines",
    "airways",
    # the media an interview is given to
    "radio",
    "television",
    "tv",
    "news",
    "press",
    "newspaper",
    "magazine",
    "journal",
    "channel",
    "broadcasting",
    # places, events and programmes that "continued" or "reminded": "the Global South",
    # "Hurricane Dorian", "the Sustainable Development Goals", "the Russian Federation"
    "development",
    "economic",
    "global",
    "pacific",
    "atlantic",
    "valley",
    "province",
    "region",
    "hurricane",
    "disease",
    "goals",
    "measures",
    "federation",
    "cooperation",
    "co-operation",
}


@dataclass(frozen=True)
class Mention:
    """A person named in a text: cleaned name, the title/role seen with it, and where."""

    name: str
    role: str
    start: int
    end: int
    titled: bool  # written with an honorific or title (so certainly a person)
    listed: bool = False  # introduced as "Name, Role" (a speakers' list, a byline)


def _trim_who(who: str) -> tuple[str, bool]:
    """Cut words before the first honorific ("Yesterday Mr X" -> "Mr X"); report if titled."""
    match = _HON_RE.search(who)
    if match:
        return who[match.start() :], True
    return who, False


def _role_title(who: str) -> str:
    match = _ROLE_TITLE_RE.match(who.strip())
    if not match:
        return ""
    return re.sub(r"\s+", " ", match.group("title")).replace("Prof.", "Professor")


def _org_word(token: str) -> bool:
    """An institution's word, singular or plural ("Governments", "Assembly")."""
    word = token.lower().strip(".")
    return word in _ORG_WORDS or word.endswith("s") and word[:-1] in _ORG_WORDS


_CHAIN_PARTICLES = {"bin", "ibn", "bint", "al", "el"}


def _plausible_bare(name: str) -> bool:
    """A name written without any title: only accepted if it cannot be something else."""
    tokens = name.split()
    # An Arabic chain's particles come on top: "Khalid Bin Nasser Al Rashed".
    core = [t for t in tokens if t.lower() not in _CHAIN_PARTICLES]
    if len(tokens) < 2 or len(core) > 4 or len(tokens) > 6:
        return False
    # An initial is a name's ("A. S. Akkenzhenov"), the capital word "A" is not.
    if any(_org_word(t) or t.lower() in _STOP_CAPS or _TITLE_WORD_RE.fullmatch(t) for t in tokens):
        return False  # "Commonwealth Prime Ministers" is no one
    if name.endswith("s") and places.find_places(name[:-1]):
        return False  # "Costa Ricans insisted": a people, not a person
    return not places.find_places(name)


def _titled_person(name: str) -> bool:
    """A titled name that is not an institution: "General Assembly" and "President Trade
    Council" carry a title word but name no one (while "General Dayan" does), and neither
    does a title-case headline's "Foreign Minister Receives British Ambassador"."""
    return not any(_org_word(t) or _TITLE_WORD_RE.fullmatch(t) for t in name.split())


def _written_lowercase(words: str, text: str) -> bool:
    """Whether ``text`` also writes one of these words in lower case, as it never writes
    a name: "Human Rights", "Final Words" are words."""
    written = _words_of(text)
    return any(w.lower() in written for w in words.split() if w.lower() != w)


@lru_cache(maxsize=8)
def _words_of(text: str) -> frozenset[str]:
    """The words of a text as written (a word is letters, digits and hyphens)."""
    return frozenset(re.findall(r"[\w-]+", text))


# Runs of capitalised words and initials that end in a word: "Y. Bekov", "Fatima Z. Omarova".
_CAPITALS_RE = re.compile(rf"(?<![\w.-])(?:(?:{_TOKEN}|[{_UP}]\.){_SP})+{_TOKEN}")


@lru_cache(maxsize=8)
def _capitals_before(text: str) -> dict[str, list[tuple[str, ...]]]:
    """For each capitalised word, the runs of it and up to two capitalised words before it:
    where a surname's full name may be written."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for match in _CAPITALS_RE.finditer(text):
        words = match.group(0).split()
        for j in range(1, len(words)):
            out[words[j]].append(tuple(words[max(0, j - 2) : j + 1]))
    return out


# Portfolios that end a minister's title, so capitals after them start a name.
_PORTFOLIO_RE = re.compile(
    r"\b(?:Affairs|Energy|Finance|Justice|Defen[cs]e|Health(?:care)?|Education|Agriculture"
    r"|Economy|Trade|Industry|Culture|Information|Ecology|Labou?r|Transport|Interior|Science"
    r"|Tourism|Sports?|Integration|Investments?|Emergencies|Environment|Digital\s+Development)"
    r"\s*$"
)


def _complete_role(role: str) -> bool:
    """Whether a role ends in a country or a portfolio ("Ambassador of Japan", "Minister of
    Energy"), so that the capitals after it are a name, whatever follows them."""
    return bool(_PORTFOLIO_RE.search(role)) or places.ends_with_place(role)


# An office's noun, which a role set off before a name must contain.
_OFFICE_RE = re.compile(
    r"\b(?i:minister|president|secretary(?:-general)?|ambassador|representative|chair(?:man|woman"
    r"|person)?|governor|mayor|senator|director(?:-general)?|head|leader|envoy|commissioner"
    r"|spokes(?:person|man|woman)|rapporteur|premier|chancellor|king|queen|emir|advis[eo]r"
    r"|coordinator|prosecutor|akim|consul|counsell?or|rector|professor)\b"
)
# The lower-case words an office may have besides its titles: "ambassador to this country".
_OFFICE_WORDS = {"this", "my", "our", "his", "her", "its", "their", "country", "people"}
_OFFICE_WORDS |= {"general", "community", "revolution", "movement"}
_ORDINAL_RE = re.compile(r"(?:\w+-)?(?:first|second|third|\w+th)")  # "the fifty-eighth session"


def _office(role: str) -> bool:
    """Whether words before a name are an office ("Deputy Prime Minister and Foreign
    Minister of Kazakhstan", "the Chilean ambassador to this country"), not a clause that
    happens to hold a title word ("the Minister took part")."""
    words = re.findall(r"[\w'’-]+", role)
    return (
        len(words) <= 14
        and bool(_OFFICE_RE.search(role))
        and all(
            not w.islower()
            or w in _OFFICE_WORDS
            or _org_word(w)
            or _ORDINAL_RE.fullmatch(w)
            or re.fullmatch(_CONNECTIVE, w)
            or re.fullmatch(_ROLE_WORD, w)
            for w in words
        )
    )


def _role_and_name(match: re.Match[str]) -> tuple[str, str]:
    """The role and the name of a role-first match. The pattern takes two words for the
    name, so a longer one ("Ambassador of Chile to Kazakhstan Maria Elena Rojas
    Vidal") leaves its first words in the role: after a role that ends in a
    country, capitalised words are the name's."""
    role, who = re.sub(r"\s+", " ", match.group("role")).strip(), match.group("who")
    words = role.split()
    for k in (2, 1):
        head, tail = " ".join(words[:-k]), words[-k:]
        if (
            len(words) > k + 2
            and all(re.fullmatch(_TOKEN, w) and not _org_word(w) for w in tail)
            and places.ends_with_place(head)
            and not places.find_places(" ".join(tail))
            and not _place_goes_on(words[-k - 1], tail[0])
        ):
            return head, " ".join([*tail, who])
    first, _, rest = who.partition(" ")
    if words and rest and _place_goes_on(words[-1], first):
        return f"{role} {first}", rest  # "of Saudi Arabia Faisal bin Farhan Al Saud"
    return role, who


def _place_goes_on(word: str, after: str) -> bool:
    """Whether ``after`` is the next word of a place's name: "Saudi" "Arabia"."""
    return any(after in place.split() for place in places.find_places(f"{word} {after}"))


def _after_role(words: str) -> tuple[str, str]:
    """(role, name) when ``words`` are a complete role and then a name of two to four
    words ("Minister of Foreign Affairs of the Republic of Kazakhstan B. Omarov")."""
    tokens = words.split()
    for k in (2, 3, 4):
        role, name = " ".join(tokens[:-k]), people.clean_name(" ".join(tokens[-k:]))
        if role and _complete_role(role) and len(name.split()) == k and _plausible_bare(name):
            return role, name
    return "", ""


def _role_first_name(match: re.Match[str], text: str, listed: bool = False) -> str:
    """The name after a role, or "" when nothing shows the words are a person's name.

    Words that end the role's institution look the same ("of the Commission on Human
    Rights"), so the name must not contain a place or an institution's word, none of its
    words may be written in lower case, and it must be used as a name: followed by a verb
    ("Aslan Berikov met"), in a list of people (``listed``: after one, or before the next),
    or its surname used again.
    """
    role, who = _role_and_name(match)
    if re.fullmatch(_CONNECTIVE, role.split()[-1]):
        return ""  # "of the Red Cross", "de Independencia": the institution's name goes on
    name = people.clean_name(who)
    if len(name.split()) < 2 or not _plausible_bare(name):
        return ""
    end = match.end("who")
    surname = who.split()[-1]
    if _written_lowercase(who, text):
        return ""  # "of the Joint Committee on Atomic Energy": words, not a name
    if listed or _NAME_USE_RE.match(text, end) or _complete_role(role) or _initials_end(role):
        return name
    again = re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
    return name if any(m.start() != end - len(surname) for m in again) else ""


def find_roster(text: str) -> list[Mention]:
    """People introduced with a role: "Mr. X Y, Deputy Minister of ..." (listed) and
    "President X Y" (titled). Each name once, first introduction wins."""
    out: dict[str, Mention] = {}
    for match in _ROSTER_RE.finditer(text):
        who, titled = _trim_who(match.group("who"))
        name = people.clean_name(who)
        words = name.split()
        if len(words) >= 3 and not titled and _written_lowercase(words[0], text):
            # "… and Prosperity Kassym-Jomart Tokayev, President"; "As Mwalimu Julius Nyerere"
            name = people.clean_name(" ".join(words[1:]))
        if not name or not (titled or _plausible_bare(name)):
            continue
        # A role that runs on into the sentence ends at its first ", <lower-case word>".
        role = re.sub(r"\s+", " ", _RUN_ON_RE.split(match.group("role"), 1)[0]).strip(" ,")
        if len(name.split()) >= 2:
            out.setdefault(name, Mention(name, role, match.start("who"), match.end(), True, True))
    last_end = -1  # where the last name after a role ended: "X Y and Director of ... Z W"
    for match in _ROLE_FIRST_RE.finditer(text):
        listed = re.fullmatch(r"\s+and\s+(?:the\s+)?", text[last_end : match.start()]) is not None
        name = _role_first_name(match, text, listed)
        if name:
            last_end = match.end()
            role = _role_and_name(match)[0]
            out.setdefault(name, Mention(name, role, match.start(), match.end(), True, True))
    for match in _NAME_AFTER_COMMA_RE.finditer(text):
        name = people.clean_name(match.group("who"))
        if len(name.split()) < 2 or not _plausible_bare(name):
            continue
        before = text[max(0, match.start() - 130) : match.start()]
        for k, pattern in enumerate(_ROLE_BEFORE_COMMA):
            found = pattern.search(before)
            role = re.sub(r"\s+", " ", found.group("role")).strip() if found else ""
            if role and _office(role) and (k == 0 or _complete_role(role)):
                out.setdefault(
                    name, Mention(name, role, match.start("who"), match.end("who"), True)
                )
                break
    for match in _LOWER_ROLE_RE.finditer(text):
        name = people.clean_name(match.group("who"))
        if _plausible_bare(name) and not _written_lowercase(match.group("who"), text):
            role = re.sub(r"\s+", " ", match.group("role")).strip()
            out.setdefault(name, Mention(name, role, match.start("role"), match.end(), True))
    for mention in find_mentions(text):
        if mention.role and len(mention.name.split()) >= 2:
            out.setdefault(mention.name, mention)
    return sorted(out.values(), key=lambda m: m.start)


def find_mentions(text: str) -> list[Mention]:
    """People named with a title or honorific ("President X", "Mr Y", "H.E. Z")."""
    out = []
    for match in _TITLED_RE.finditer(text):
        name = _headline_name(people.clean_name(match.group(0)), match, text)
        if name and _titled_person(name):
            role = _role_title(match.group(0))
            # "Press secretary of Kazakh President Dana Omarova": the President's aide.
            aide = _AIDE_RE.search(text, max(0, match.start() - 60), match.start())
            role = f"{aide.group(0)}{role}" if aide and role else role
            out.append(
                Mention(name, role, aide.start() if aide else match.start(), match.end(), True)
            )
    counterparts = "counterpart" in text or "colleague" in text
    for match in _COUNTERPART_RE.finditer(text) if counterparts else ():
        name = people.clean_name(match.group("who"))
        if len(name.split()) >= 2 and _plausible_bare(name):
            out.append(Mention(name, "", match.start("who"), match.end(), True))
    return sorted(out, key=lambda m: m.start)


# An aide's office before a title: the titled name is the aide's, not the title-holder's.
_AIDE_RE = re.compile(
    r"(?i:\b(?:press\s+)?(?:secretary|adviser|advisor|assistant|aide|spokes(?:person|man|woman)"
    r"|counsell?or))\s+(?:of|to)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?$"
)
# Capitals that go on after a name, as in a headline: "… Tokayev Meets the Governors".
_HEADLINE_GOES_ON_RE = re.compile(r"[ \t]+(?:[a-z]{1,3}[ \t]+){0,2}[A-Z0-9]")
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by"}


def _headline_name(name: str, match: re.Match[str], text: str) -> str:
    """A titled name as far as the text uses it again, when it stands in a title-case
    headline whose words all look like names: "President Tokayev Meets the Governors" is
    Tokayev, "What the President Proposed to the Council" names no one."""
    if not name or not _HEADLINE_GOES_ON_RE.match(text, match.end()):
        return name  # most names go on in lower case or end at punctuation: no headline
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end >= 0 else len(text)]
    words = [w for w in re.findall(r"[\w'’-]+", line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 4 or not all(w[0].isupper() or w[0].isdigit() for w in words):
        return name
    parts = name.split()

    def used_again(words: str) -> bool:
        pattern = re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])")
        return len(pattern.findall(text)) > len(pattern.findall(line))

    for k in range(len(parts), 0, -1):
        # The words together, or each of them but initials ("Secretary Dana K. Omarova
        # and …" when the text goes on with "Dana Omarova").
        words = [w for w in parts[:k] if not re.fullmatch(r"\w\.", w)]
        if used_again(" ".join(parts[:k])) or k > 1 and all(used_again(w) for w in words):
            return " ".join(parts[:k])
    return ""


# -- within-document resolution ------------------------------------------------------------


# "The Head of State" is whoever the text introduced as its president or monarch.
_HEADS = {
    "head of state": ("head of state", "president", "king", "queen", "emir", "sultan", "monarch"),
    "мемлекет басшысы": ("мемлекет басшысы", "президент"),
    "head of government": ("head of government", "prime minister", "premier", "chancellor"),
    "глава государства": ("глава государства", "президент", "король", "эмир", "султан"),
    "глава правительства": ("глава правительства", "премьер-министр", "канцлер"),
}

# "the Japanese diplomat noted": the text's ambassador (of Japan) or envoy.
_DIPLOMATS = {"diplomat": ("ambassador", "envoy", "chargé d'affaires", "consul")}
# ... and the other way round: a president introduced as the head of state.
_HEAD_OF = {
    "president": "head of state",
    "президент": "глава государства",
    "prime": "head of government",
    "премьер-министр": "глава правительства",
}

# The titles a report calls its protagonist by ("the Head of State noted"), even when it
# introduced him by name alone: "Kassym-Jomart Tokayev held a meeting …".
_LEAD_REFS = {*_HEADS, "president", "prime minister", "президент", "премьер-министр"}
_LEAD_REF_RE = re.compile(
    r"(?=[HhPpГгПМм])\b(?:[Hh]ead\s+of\s+(?:[Ss]tate|[Gg]overnment)|[Pp]resident"
    r"|[Pp]rime\s+[Mm]inister|[Гг]лав[аеуы]\s+(?:государства|правительства)|[Пп]резидент"
    r"|[Пп]ремьер-министр|[Мм]емлекет\s+басшы)"
)


class DocPeople:
    """The full names a document uses, so "Mr Ashikbayev" and "the Deputy Minister" resolve."""

    def __init__(self, roster: list[Mention], extra_full: list[str], text: str = "") -> None:
        self.roster = roster
        self.text = text  # where a surname alone may find the one full name that ends in it
        self._from_text: dict[str, str | None] = {}
        self.lead: str | None = None  # the one person a report is about, if it names only one
        self.lead_asked = False  # whether a head's title went unresolved, so a lead may help
        self.roles: dict[str, str] = {}
        self.full: dict[str, str] = {}  # name -> name, all full names
        for mention in roster:
            self.full.setdefault(mention.name, mention.name)
            if mention.role:
                self.roles.setdefault(mention.name, mention.role)
        for name in extra_full:
            if len(name.split()) >= 2:
                self.full.setdefault(name, name)

    def resolve(self, name: str, from_text: bool = True) -> str:
        """A surname-only name as the one full name of the document that fits it; without
        ``from_text``, only names the finders introduced (an author the metadata names as
        "Mrs. GANDHI" is not the "Mahatma Gandhi" her speech quotes)."""
        parts = people.split_name(name)
        if parts is None or parts.given:
            return name
        hits = set()
        for full in self.full:
            other = people.split_name(full)
            if other is None or not other.given or other.surname_key != parts.surname_key:
                continue
            if parts.initials and people.translit_key(other.given[0])[:1] != people.translit_key(
                parts.initials[0]
            ):
                continue
            hits.add(full)
        if not hits and from_text and self.text and not parts.initials and " " not in name:
            # "…, said Abenov" after "first deputy minister … Serik Abenov": the text's
            # one full name that ends in the surname, though no pattern introduced it.
            if name not in self._from_text:
                self._from_text[name] = _full_name_of(name, self.text)
            found = self._from_text[name]
            if found:
                self.full.setdefault(found, found)
                return found
        return hits.pop() if len(hits) == 1 else name

    def known(self, name: str) -> bool:
        return name in self.full

    def by_role(self, ref: str, country: str | None = None) -> str | None:
        """The one person introduced with a role that fits ``ref``; with a ``country``, the
        one whose role names it ("the French President" is the President of France; a
        plain "President" could be anyone's)."""
        ref_key = re.sub(r"[\s-]+", " ", ref).strip().casefold()
        # "глава МИД РК", "глава МИДа": the head of a foreign ministry is its minister.
        ref_key = re.sub(r"^глава мида?\b.*", "министр иностранных дел", ref_key)
        wanted = _HEADS.get(ref_key) or _DIPLOMATS.get(ref_key) or (ref_key,)
        head = _HEAD_OF.get(ref_key.split()[0]) if ref_key else None
        wanted = (*wanted, head) if head else wanted  # "the President": "Head of State X"
        hits = []
        for name, role in self.roles.items():
            role_key = re.sub(r"[\s-]+", " ", role).strip().casefold()
            if any(_role_fits(key, role_key) for key in wanted):
                hits.append(name)
        if country is not None:
            hits = [n for n in hits if country in places.find_places(self.roles[n])]
        if not hits and country is None and ref_key in _LEAD_REFS:
            self.lead_asked = True
            return self.lead
        return hits[0] if len(hits) == 1 else None


_OFFICES_RE = re.compile(r"\s+(?:and|[–—-])\s+")


def refers_to_lead(text: str) -> bool:
    """Whether a text calls someone by a head's title ("the Head of State", "Президент")."""
    return _LEAD_REF_RE.search(text) is not None


def find_lead(text: str, doc_people: DocPeople, speakers: list[str]) -> str | None:
    """The one person a report names, if it names only one and gives him no role: whom
    "the Head of State" and "the President" refer to when no one was introduced with that
    title. Named are the document's full names, the speakers its cues found, and the
    subjects of what a report's protagonist does ("Kassym-Jomart Tokayev held …")."""
    named = {*doc_people.full, *(s for s in speakers if len(s.split()) >= 2)}
    if len(named) > 1:
        return None
    for match in (*_LEAD_SUBJECT_RE.finditer(text), *_LEAD_OBJECT_RE.finditer(text)):
        name = people.clean_name(match.group("who"))
        if len(name.split()) >= 2 and _plausible_bare(name):
            named.add(doc_people.resolve(name))
    if len(named) != 1:
        return None
    (only,) = named
    return None if doc_people.roles.get(only) else only


_RANKS = {"deputy", "vice", "first", "acting", "assistant", "under", "заместитель", "первый"}


def _role_fits(ref: str, role: str) -> bool:
    """Whether a role reference fits a role: "the Minister" fits "Minister of Energy", and
    "the Foreign Minister" fits "Minister of Foreign Affairs" (its words, in any order),
    but not "Deputy Minister of Foreign Affairs": a rank the role has must be named."""
    if role == ref or role.startswith(ref + " "):
        return True
    ref_words = set(ref.split())
    # Two offices held at once ("Deputy Prime Minister and Foreign Minister", "Вице-премьер
    # - глава МИД"): the reference may fit either, and a rank belongs to its own office.
    head = ref.split()[-1]
    for office in _OFFICES_RE.split(role):
        office_words = set(office.split())
        # The reference's noun heads the office: "the President" is not the "Press
        # secretary of Kazakh President".
        holder = re.split(r"\s(?:of|to|for)\s", office, maxsplit=1)[0].split()
        if head not in holder:
            continue
        if ref_words <= office_words and office_words & _RANKS <= ref_words:
            return True
    return False


def _initials_end(role: str) -> bool:
    """Whether a role ends in an institution's initials ("Director of the KazISS"), where
    the institution's name cannot go on."""
    last = role.split()[-1] if role.split() else ""
    return sum(c.isupper() for c in last) >= 2 and last.isalpha() and len(last) <= 8


def _acronym(word: str) -> bool:
    """An institution's or an office's initials ("UN", "DAS"), which no name begins with."""
    return word.isalpha() and word.isupper() and len(word) <= 4


def _speaker_from_cue(who: str, doc_people: DocPeople) -> tuple[str | None, str]:
    """The person a cue's subject names (or None), and the cue's words for ``explain``."""
    ref = re.fullmatch(_ROLE_REF, who.strip())
    if ref:
        # "the Kazakh President": a country's adjective narrows the role to that country's;
        # any other word is the role's own ("the Energy Minister").
        nation, words = ref.group("nation"), ref.group("ref")
        country = places.normalise_country(nation) if nation else None
        if nation and country is None:
            words = f"{nation} {words}"
        return doc_people.by_role(words, country), who.strip()
    trimmed, titled = _trim_who(who)
    words = trimmed.split()
    while len(words) > 2 and _acronym(words[0]) and not words[1].isupper():
        words = words[1:]  # "… to the UN Dana Omarova spoke": an institution's initials
    trimmed = " ".join(words)
    if re.fullmatch(_ROLE_TITLES, trimmed.strip()):
        return None, who.strip()  # "The King said": a title alone names nobody
    name = people.clean_name(trimmed)
    if not name:
        return None, who.strip()
    resolved = doc_people.resolve(name)
    if not titled and not doc_people.known(resolved):
        # "Chairman of the Board Aidar Arifkhanov said": the institution's last word ran
        # into the name; the person is the one the text introduced.
        words = name.split()
        tails = (" ".join(words[k:]) for k in range(1, len(words) - 1))
        known = next((t for t in tails if doc_people.known(doc_people.resolve(t))), None)
        if known:
            return doc_people.resolve(known), known
    if not _titled_person(name):
        return None, who.strip()
    if titled or doc_people.known(resolved) or _plausible_bare(name):
        return resolved, trimmed.strip()
    return None, who.strip()


_OF_BEFORE_RE = re.compile(r"\bof\s+(?:the\s+)?$")
# "He stressed …", "She also noted …": the subject of the sentence before speaks again.
_PRONOUN_RE = re.compile(
    # "In his speech, he noted …": where the words were said may come first
    r"(?<![\w\"“])(?:(?:In|During)\s+(?:his|her)\s+(?:speech|remarks|address|statement"
    r"|presentation|report),\s+(?:he|she)|He|She)"
    rf"\s+(?:{_ADV}\s+)?(?P<verb>{_SUBJECT_VERBS})\b"
)
# "“It was a milestone,” he added.": the pronoun after a quotation it closes.
_QUOTE_PRONOUN_RE = re.compile(
    rf"(?:[”\"»]|(?<=[,.!?])[’']),?\s*(?:he|she)\s+(?:{_ADV}\s+)?(?P<verb>{_VERBS})\b"
)
# Where a quotation opens; a straight single quote opens one only before a word and after
# something that is not (an apostrophe comes after a word: "Kazakhstan's").
_OPENING_QUOTE_RE = re.compile(r"[“«\"‘]|(?<![\w])'(?=\w)")
# Where a sentence ends: not after an initial or an abbreviated title ("Mr. Claude Cheysson").
_SENTENCE_END_RE = re.compile(
    r"(?<![A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bNo)[.!?][\"”]?\s+"
    r"(?=[A-Z\"“])|\n\s*"
)


def passage_cues(text: str, doc_people: DocPeople) -> list[tuple[int, str, str]]:
    """(position, speaker, cue text) for every speech cue in a passage, in text order."""
    found: dict[int, tuple[int, str, str]] = {}
    has_verb = _VERB_RE.search(text) is not None
    for kind, pattern in _CUES:
        needs = {
            "according to": ("ccording",),
            "speech text": ("ext of", "ords of", ":"),
            "speech given": ("delivered", "made", "gave", "floor"),
        }.get(kind)
        if not (has_verb if needs is None else any(word in text for word in needs)):
            continue
        for match in pattern.finditer(text):
            who = match.group("who")
            if _OF_BEFORE_RE.search(text, max(0, match.start("who") - 8), match.start("who")):
                # "Commander of the Revolution Daniel Ortega said": not the name's word;
                # "the Prophet of Islam said": one word after "of" names no one.
                if " " not in who.strip():
                    continue
                who = re.sub(r"^\S+\s+(?=\S+\s+\S)", "", who)
            speaker, words = _speaker_from_cue(who, doc_people)
            # "X, who said": X must be someone the text introduced ("the City of New York,
            # who said" is about someone else).
            if speaker is None or match.groupdict().get("rel") and not doc_people.known(speaker):
                continue
            verb = match.groupdict().get("verb")
            if (
                verb
                and not _SAYING_RE.fullmatch(verb)
                and not doc_people.known(speaker)
                and not _HON_RE.match(who.lstrip())
                and _written_lowercase(words, doc_people.text)
            ):
                continue  # "the Food Security Summit, Food Security proposed": words, no one
            cue = f"{kind}: " + (
                f"according to {words}"
                if kind == "according to"
                else f"{words} {verb}"
                if kind in ("speaker before verb", "speech given")
                else f"text of {words}'s {verb}"
                if kind == "speech text"
                else f"{verb} {words}"
            )
            found.setdefault(match.start("who"), (match.start("who"), speaker, cue))
    if has_verb:
        quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
        for match in _PRONOUN_RE.finditer(text):
            if any(a < match.start() < b for a, b in quoted):
                continue  # "He will win," she said: the pronoun is someone else's words
            earlier = _speaker_before(found, match.start())
            if earlier and text[: match.start()].rstrip(" \t").endswith("\n"):
                # A paragraph that opens with "He stressed" goes on with the passage's
                # speaker, not with whoever the paragraph before happened to begin with.
                subject: tuple[str, str] | None = (earlier, earlier)
            else:
                subject = _last_subject(text[: match.start()], doc_people)
            if subject is not None:
                who, words = subject
                cue = f"pronoun: {match.group(0)} ({words})"
                found.setdefault(match.start(), (match.start(), who, cue))
        for match in _QUOTE_PRONOUN_RE.finditer(text):
            # The speaker is the passage's last, or whoever opened the sentence before the
            # quotation began.
            opening = max(
                (m.start() for m in _OPENING_QUOTE_RE.finditer(text, 0, match.start())),
                default=-1,
            )
            earlier = _speaker_before(found, match.start())
            if earlier:
                subject = (earlier, earlier)
            else:
                subject = _last_subject(text[: max(opening, 0)], doc_people)
            if subject is not None:
                who, words = subject
                cue = f"pronoun: {match.group(0)[1:].strip()} ({words})"
                found.setdefault(match.start(), (match.start(), who, cue))
    return [found[k] for k in sorted(found)]


def _speaker_before(found: dict[int, tuple[int, str, str]], position: int) -> str | None:
    """The speaker of the last cue found before ``position`` in a passage, if any."""
    earlier = [k for k in found if k < position]
    return found[max(earlier)][1] if earlier else None


def _last_subject(before: str, doc_people: DocPeople) -> tuple[str, str] | None:
    """The person who opens the last sentence before a pronoun, if one does: "Foreign
    Minister Murat Nurtleu met the delegation. He said …" -> Murat Nurtleu."""
    starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(before)]
    bounds = zip(starts, [*starts[1:], len(before)], strict=True)
    sentences = [before[a:b] for a, b in bounds if before[a:b].strip()]
    # A quotation in between is the subject's own words: "… met them. "We are ready." He added"
    while sentences and sentences[-1].lstrip()[:1] in '"“':
        sentences.pop()
    if not sentences:
        return None
    # One word may come before the title: "Kazakh Foreign Minister Mukhtar Tileuberdi …".
    sentence = re.sub(rf"^\s*[{_UP}][{_LOW}]+\s+(?={_HON})", "", sentences[-1])
    role_first = _ROLE_FIRST_RE.match(sentence)
    opening = role_first or (
        _TITLED_RE.match(sentence) or re.match(_ROLE_REF, sentence) or re.match(_NAME, sentence)
    )
    who = role_first.group("who") if role_first else opening.group(0) if opening else ""
    if who and re.match(r",?\s+and\s+[A-Z]", sentence[sentence.find(who) + len(who) :]):
        return None  # "Max Gomez and Ramon Medina were …": two subjects, no one "he"
    speaker, words = _speaker_from_cue(who, doc_people) if who else (None, "")
    if speaker is None:
        # "The meeting was attended by … Aidar Bekov. He noted": the sentence's one person.
        named = {doc_people.resolve(n) for n in _people_in(sentence)}
        named |= {n for n in doc_people.full if n in sentence}
        if len(named) == 1:
            (speaker,) = named
            words = speaker
    return (speaker, words) if speaker else None


def _people_in(sentence: str) -> list[str]:
    """The people a sentence names with a title or after a role."""
    found = [people.clean_name(m.group(0)) for m in _TITLED_RE.finditer(sentence)]
    found = [n for n in found if n and _titled_person(n)]
    # "the Minister for Foreign Affairs of the Russian Federation": no name after the role
    return found + [
        n for m in _ROLE_FIRST_RE.finditer(sentence) if (n := _role_first_name(m, sentence))
    ]


def speech_author(doc: Document) -> tuple[str, str, str] | None:
    """(name, role, cue) from a title such as "Statement by President X at the ..."."""
    # The title, or a line near the top: a web page's header may come before it.
    lines = doc.text.split("\n", BYLINE_LINES * 2)[: BYLINE_LINES * 2] if doc.text else []
    first_line = doc.passages[0].text.split("\n", 1)[0] if doc.passages else ""
    for title in (doc.title, first_line, *(line for line in lines if line.strip())):
        match = _SPEECH_TITLE.match(title or "")
        if match:
            who = match.group("who")
            name = people.clean_name(who)
            role = (match.group("role") or "").strip() or _role_title(who)
            if not name:  # "Statement of Minister of Foreign Affairs of … B. Omarov at …"
                role, name = _after_role(who)
            if not _titled_person(name):  # "Speech by the Kazakh Foreign Minister, X, …"
                role, name = who.strip(), _name_after_comma(title, match.end("who"))
            if name and len(name.split()) <= 6:
                return name, role, f"title: {title.strip()[:120]}"
        possessive = _POSSESSIVE_TITLE_RE.match(title or "")
        if possessive:  # "Foreign Minister Dana Omarova’s remarks at …"
            who = possessive.group("who")
            name = people.clean_name(who)
            role = _role_title(who)
            if not name:
                role, name = _after_role(who)
            if (
                name
                and len(name.split()) <= 4
                and _titled_person(name)
                # no title before it: a surname, or words that may be a name ("For Whom
                # Tokayev’s …" are not)
                and (role or " " not in name or _plausible_bare(name))
            ):
                return name, role, f"title: {title.strip()[:120]}"
    top = "\n".join(doc.text.split("\n", BYLINE_LINES)[:BYLINE_LINES])
    interviewee = _interviewee(doc.title or "", top)
    if interviewee and _first_person(doc.text):
        return interviewee
    byline = _BYLINE_RE.search(top) or _name_line(byline_lines(doc.text))
    if byline and _first_person(doc.text):
        name = people.clean_name(byline.group("who"))
        if len(name.split()) >= 2:
            role = re.sub(r"\s+", " ", byline.group("role") or "").strip()
            return name, role, f"byline: {byline.group(0).strip()[:120]}"
    return None


# "… - British Ambassador to Kazakhstan Aidan Wells": a headline that ends in its speaker.
_HEADLINE_SPEAKER_RE = re.compile(rf"[ \t][-–—][ \t]+{_DEMONYM}(?P<who>[^-–—\n]+?)[ \t.]*$")
# "Foreign Minister Erlan Idrissov answers questions from …"
_ANSWERS_RE = re.compile(
    rf"^[ \t]*{_DEMONYM}(?P<who>[^\n]{{3,160}}?)[ \t]+(?:answers|answered)[ \t]+(?:the[ \t]+)?"
    r"questions\b",
    re.MULTILINE,
)
_INTERVIEW_RE = re.compile(r"\binterview", re.IGNORECASE)
# "U.S. Ambassador Jane Doe: Living here is a privilege": a headline that gives its speaker's
# words, in an interview ...
_HEADLINE_COLON_RE = re.compile(rf"^[ \t]*{_DEMONYM}(?P<who>[^:\n]{{3,120}}?)[ \t]*:[ \t]+\S[^\n]*")
# ... whose questions are dashed paragraphs: "– Mr. Ambassador, how do you assess …?"
_DASHED_QUESTION_RE = re.compile(r"^[ \t]*[-–—][ \t]*[^\n]{10,}\?[ \t]*$", re.MULTILINE)


def _interviewee(title: str, top: str) -> tuple[str, str, str] | None:
    """(name, role, cue) of an interview's subject, from a line that says they answer the
    questions or a headline that ends in their name, in a text that calls itself an
    interview."""
    answers = _ANSWERS_RE.search(top)
    headline = None if answers else _HEADLINE_SPEAKER_RE.search(title)
    headline = headline or (None if answers else _HEADLINE_COLON_RE.match(title))
    if headline and not (_INTERVIEW_RE.search(top) or _DASHED_QUESTION_RE.search(top)):
        return None
    found = answers or headline
    if found is None:
        return None
    who = found.group("who").strip()
    role_first = _ROLE_FIRST_RE.match(who)
    titled = _TITLED_RE.search(who)
    if role_first and role_first.end() == len(who):
        role, name = _role_and_name(role_first)
        name = people.clean_name(name)
    elif titled and titled.end() == len(who):  # "U.S. Ambassador Jane Doe"
        role, name = _role_title(titled.group(0)), people.clean_name(titled.group(0))
    elif found is not answers and _plausible_bare(people.clean_name(who)):
        role, name = "", people.clean_name(who)  # "Kassym-Jomart Tokayev: …"
    else:
        return None
    if not name or not _titled_person(name):
        return None
    if " " in name and not _plausible_bare(name):
        return None  # a surname alone after a title is fine; words that are no name are not
    return name, role, f"interview: {found.group(0).strip()[:120]}"


_COMMA_NAME_RE = re.compile(rf",[ \t]*(?P<who>{_NAME})[ \t]*(?:,|$|[ \t](?:at|to|on|in|and)\b)")


def _name_after_comma(title: str, end: int) -> str:
    """The name a title sets off by commas after a role: "by the Kazakh Foreign Minister,
    Dana Omarova, and …"."""
    match = _COMMA_NAME_RE.match(title, end)
    name = people.clean_name(match.group("who")) if match else ""
    return name if len(name.split()) >= 2 and _plausible_bare(name) else ""


def byline_lines(text: str) -> list[str]:
    """The lines near the top that stand as a paragraph of their own, the title's aside:
    where a byline without "By" can be. In hard-wrapped text a line that happens to hold a
    name and a role ("Mr. Amara Essy, Minister for Foreign Affairs of Côte") is not one."""
    lines = text.split("\n", BYLINE_LINES + 1)[: BYLINE_LINES + 1]
    return [
        lines[k]
        for k in range(1, min(len(lines), BYLINE_LINES))
        if (k == 1 or not lines[k - 1].strip())
        and (k + 1 == len(lines) or not lines[k + 1].strip())
    ]


def _name_line(lines: list[str]) -> re.Match[str] | None:
    """The one line that is a name and a role and nothing else; a list of several is an
    event's participants, not an author."""
    found = [
        m
        for m in map(_NAME_LINE_RE.match, lines)
        if m
        and (_plausible_bare(people.clean_name(m.group("who"))) or _HON_RE.match(m.group("who")))
    ]
    return found[0] if len(found) == 1 else None


def _first_person(text: str) -> bool:
    """Written in the first person outside quotations: an op-ed or a speech, not a report."""
    unquoted = _QUOTED_RE.sub(" ", text)
    return len(_FIRST_PERSON_RE.findall(unquoted)) >= 2


def transcript_labels(
    doc: Document, doc_people: DocPeople, author: list[str], text: str
) -> list[list[tuple[str | None, str]]] | None:
    """Per passage, its paragraphs' speaker labels as (speaker or None, label), in order;
    None unless one person's label opens paragraphs often enough to make a transcript.

    A label must name a person: a name the text introduces, a titled one, or a plausible
    bare name none of whose words the text also writes in lower case (headings such as
    "Final Words:" or "Youth Empowerment:" are common words).
    """
    found: list[list[tuple[str | None, str]]] = []
    uses: Counter[str] = Counter()
    shorts: dict[str, str] = {}  # "Dana Omarova (DO):" makes later "DO:" hers
    introduced_here: set[str] = set()  # labels that give a role introduce their speaker
    for passage in doc.passages:
        labelled: list[tuple[str | None, str]] = []
        for match in _LABEL_RE.finditer(passage.text):
            who = match.group("who")
            speaker: str | None
            if who in shorts:
                speaker = shorts[who]
            elif who in _ANSWERS:
                speaker = author[0] if author else None
            elif who in _QUESTIONS:
                speaker = None
            else:
                speaker = _label_speaker(who, doc_people, text)
            if match.group("short") and speaker:
                shorts[match.group("short").strip()] = speaker
            if match.group("role") and speaker:
                introduced_here.add(speaker)
            labelled.append((speaker, who))
            if speaker:
                uses[speaker] += 1
        found.append(labelled)
    # One person's label twice, or two people's whom the text introduces: "SECRETARY
    # OMAROVA:" after "… Dana K. Omarova And … Foreign Minister Aidar Bekov", or who
    # define short forms for their labels.
    introduced = [
        name
        for name in uses
        if doc_people.known(name) or name in shorts.values() or name in introduced_here
    ]
    if max(uses.values(), default=0) < TRANSCRIPT_LABELS and len(introduced) < 2:
        return None
    return found


def _label_speaker(who: str, doc_people: DocPeople, text: str) -> str | None:
    """The person a transcript's label names, if it names one."""
    if who.isupper():  # "FOREIGN MINISTER BEKOV:", as official transcripts write labels
        who = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), who)
    speaker, _ = _speaker_from_cue(who, doc_people)
    words = who.split()
    if (speaker is None or not doc_people.known(speaker)) and len(words) > 1 and words[0].isupper():
        # "DAS Omarova:": an office's initials before a name the text gives in full.
        rest = doc_people.resolve(" ".join(words[1:]))
        speaker = rest if doc_people.known(rest) else speaker
    if speaker is None and " " not in who:
        speaker = _full_name_of(who, text)  # "Tokayev:" in Kassymzhomart Tokayev's
    if speaker and not doc_people.known(speaker) and _written_lowercase(who, text):
        speaker = None
    return speaker


def _full_name_of(surname: str, text: str) -> str | None:
    """The one full name a text writes ending in ``surname`` (a label's "Tokayev" in an
    interview headed "Kassymzhomart Tokayev"), if it writes exactly one."""
    runs = _capitals_before(text).get(surname)
    if not runs or _org_word(surname) or _written_lowercase(surname, text):
        return None  # "United", "Development": words, not surnames
    if places.find_places(surname):
        return None
    names = set()
    for words in set(runs):  # "Kazakhstan Serik Abenov": the longest name in it
        fits = (" ".join(words[k:]) for k in range(len(words) - 1))
        name = next(
            (n for n in fits if _given_names(n.split()[:-1], text) and _plausible_bare(n)), None
        )
        if name:
            names.add(people.clean_name(name))
    return names.pop() if len(names) == 1 else None


def _given_names(words: list[str], text: str) -> bool:
    """Whether words before a surname are given names: not a title ("Majesty King"), a
    place, a word the text writes in lower case ("To", "Four") or an institution's."""
    return all(
        not _acronym(w)  # "DAS Omarova": an office's initials, no given name
        and not _TITLE_WORD_RE.fullmatch(w)
        and not _HON_RE.fullmatch(w)
        and w not in _STYLES
        and w.lower() not in _STOP_CAPS
        and not _org_word(w)
        and not places.find_places(w)
        and not _written_lowercase(w, text)
        for w in words
    )


_STYLES = {"Majesty", "Imperial", "Excellency", "Highness", "Holiness", "Ambassadors", "Premier"}
_STYLES |= {"King", "Queen", "Emperor", "Sheikh", "Imam", "Pope", "Saint", "Mahatma"}


def surname_of(full: str) -> str:
    """The last word of a full name's surname ("" for a name without given names)."""
    parts = people.split_name(full)
    return parts.surname.split()[-1] if parts is not None and parts.given else ""


def mentions_surname(text: str, full: str) -> bool:
    surname = surname_of(full)
    if not surname or surname not in text:  # the common case, without compiling a pattern
        return False
    return re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text) is not None


# "The forum was attended by …", "The guests included …", "the experts met …": people
# there, not speaking.
_ATTENDANCE_RE = re.compile(
    r"\b(?:attended|attendees|guests?|in\s+the\s+presence\s+of|(?:were|was)\s+present"
    r"|present\s+(?:were|was)|moderated|moderator|met|met\s+with|received|welcomed"
    r"|присутствовал\w*|в\s+присутствии"
    r"|модератор\w*|гост\w*)(?!\w)",
    re.IGNORECASE,
)


# ... unless the sentence goes on to the speakers: "…, and the speakers were X, Y".
_SPEAKERS_NEXT_RE = re.compile(
    r"\b(?:speakers?|panel(?:ist)?s?|presenters?|спикер\w*|выступ\w*|докладчик\w*)(?!\w)|;",
    re.IGNORECASE,
)


def attending(text: str, start: int) -> bool:
    """Whether the sentence a listed person stands in says only that they were there."""
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 400), start)]
    begin = ends[-1] if ends else max(0, start - 400)
    there = [m.end() for m in _ATTENDANCE_RE.finditer(text, begin, start)]
    return bool(there) and not _SPEAKERS_NEXT_RE.search(text, there[-1], start)


def is_event_report(intro: str) -> bool:
    """Whether a text's opening reports an event (a webinar, a panel), whose listed people
    are its speakers."""
    return _EVENT_RE.search(intro) is not None
