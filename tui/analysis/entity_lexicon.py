"""Closed word classes the entity finder reasons with: titles, joiners, head words, function words.

These are properties of English, not of any article: honorifics that precede a person's name, the
lower-case words that may sit inside a name ("Bank *of* England"), the head nouns that make a name an
organisation, a place or an event, and the function words that start sentences and headings.
"""

from __future__ import annotations

import calendar


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Honorifics and offices that precede a person's name; not part of the name span (the gold
# convention: "President [Putin]"), but the titled form is kept as an alias. Compared without a
# trailing full stop.
TITLES = _words(
    """
    Mr Mrs Ms Mx Dr Prof Professor Sir Dame Lord Lady Madam Madame Mme Miss Messrs Monsieur Herr
    President Vice Premier Chancellor Minister Secretary Senator Sen Congressman Congresswoman
    Representative Rep Governor Gov Mayor Ambassador Commissioner Chairman Chairwoman Chair
    King Queen Prince Princess Emperor Empress Tsar Czar Sultan Sheikh Emir Shah Pharaoh Duke Duchess
    Pope Cardinal Archbishop Bishop Reverend Rev Father Pastor Rabbi Imam Ayatollah Brother Sister
    General Gen Colonel Col Lieutenant Lt Captain Capt Major Maj Sergeant Sgt Admiral Adm Commander
    Marshal Private Corporal Judge Justice Detective Inspector Officer Agent Coach Dean
    Administrator Director Spokesperson Spokesman Spokeswoman Undersecretary Treasurer Councillor
    Councilor Alderman Sheriff Earl Baron Baroness Count Countess Marquis Viscount
    Prime Deputy Foreign Defence Defense Finance Interior Supreme Chief Former Acting Crown
    Mrs. Mr. Dr.
    """
)

# Lower-case words allowed inside a multi-word name, between capitalised words.
JOINERS = _words("of de da di del della der den van von la le du des dos das y al el bin ibn zu")
# "for" joins only after an organisation head ("Society for the Prevention of ..."), "the" only
# after "of" or "for" ("University of the West Indies").
ORG_JOINERS = _words("for the")

ORG_HEADS = _words(
    """
    Organization Organisation Organizations Ministry Department Dept University College School
    Academy Institute Institution Bank Party Council Committee Commission Agency Authority Bureau
    Office Board Association Society Foundation Federation Union League Alliance Coalition Club
    Company Corporation Corp Inc Ltd LLC Co Group Holdings Industries Enterprises Partners Press
    Times News Post Journal Magazine Gazette Herald Tribune Review Weekly Daily Network Broadcasting
    Airlines Airways Motors Records Pictures Studios Labs Laboratory Laboratories Systems
    Technologies Services Army Navy Corps Force Forces Guard Police Court Tribunal Parliament
    Congress Senate Assembly Cabinet Government Administration Church Brotherhood Order Movement
    Front Team Orchestra Band Choir Service Program Programme Fund Trust Initiative Consortium
    Cooperative Federal Reserve Conservancy Institutes Nations Commons Library Hospital Clinic
    """
)

PLACE_HEADS = _words(
    """
    River Lake Lakes Mountain Mountains Mount Mt Hill Hills Valley Canyon Desert Forest Island
    Islands Isle Peninsula Bay Gulf Sea Ocean Strait Channel Coast Beach Falls Springs Cape Harbour
    Harbor Port Street St Avenue Ave Road Rd Boulevard Blvd Lane Drive Way Highway Turnpike Square
    Plaza Park Gardens Garden Bridge Tunnel Airport Station Terminal Castle Palace Cathedral Abbey
    Mosque Temple Chapel Shrine Tower Hall Museum Gallery Center Centre Stadium Arena Hotel Market
    County Province Region District Territory State Republic Kingdom Empire City Town Village
    Borough Parish Municipality Prefecture Oblast Voivodship Governorate Heights Quarter Wharf
    Pier Reservoir Dam Glacier Volcano Basin Delta Plain Plains Plateau Ridge Pass Reef Atoll
    Continent Hemisphere Zone Camp Base Fort Prison Memorial Monument Cemetery Zoo Mall Building
    """
)

EVENT_HEADS = _words(
    """
    War Wars Revolution Battle Siege Uprising Rebellion Revolt Massacre Crisis Summit Conference
    Convention Congress Olympics Olympiad Games Cup Championship Championships Tournament League
    Festival Fair Expo Exhibition Marathon Prix Election Elections Referendum Treaty Accords Accord
    Agreement Crusade Holocaust Genocide Depression Renaissance Reformation Awards Award Prize
    Spring Uprisings Riots Protests
    """
)
# Heads of the names of laws and documents ("Human Rights and Democracy Act", "Equal Rights Amendment").
LAW_HEADS = _words("Act Acts Bill Amendment Charter Constitution Directive Statute Ordinance Protocol Doctrine")
# Possessive words that open a name rather than name an owner ("People's Daily", "Women's Hospital").
POSSESSIVE_OPENERS = _words("People Women Men Children Mothers Fathers Workers Veterans Farmers Citizens Boys Girls")
# After "and", a run of capitalised words ending in one of these is the rest of the same name.
AND_HEADS = LAW_HEADS | _words(
    "Commission Committee Council Department Ministry Institute Society Foundation Association Agency "
    "Administration Authority Board Bureau Office Centre Center Service Services Program Programme Fund")
# Heads that type a name as EVENT only; the rest above may also be organisations.
EVENT_ONLY = EVENT_HEADS - ORG_HEADS

# Words that open sentences and headings but never start a name on their own. Pronouns,
# determiners, conjunctions, prepositions, discourse adverbs, ordinals and question words.
FUNCTION_WORDS = _words(
    """
    a an the this that these those there here it its it's he she they we you i me him her them us
    our your their his my mine ours yours theirs who whom whose which what when where why how
    and or but nor so yet for if then than though although while whereas because since unless
    until after before once as at by in into on onto of off out over under up down to from with
    without within about above across against along among around behind below beneath beside
    between beyond during except inside near outside past through throughout toward towards upon
    via per not no yes all any both each either every few many most much neither none some such
    other another same own only just also even still already again always never often sometimes
    perhaps maybe however therefore thus hence moreover furthermore nevertheless nonetheless
    meanwhile instead otherwise indeed besides likewise similarly consequently accordingly finally
    first second third fourth fifth last next firstly secondly thirdly lastly overall given let
    is are was were be been being am do does did done have has had having will would shall should
    can could may might must ought according despite regarding concerning following including
    today tomorrow yesterday now later soon recently currently already ago further
    one two three four five six seven eight nine ten hundred thousand million billion
    mr mrs ms dr please thanks thank oh ok okay well yeah hey hello hi dear note see
    like unlike what's that's there's here's let's we're they're you're i'm don't can't won't
    chapter section figure table part step introduction conclusion summary abstract references
    great
    """
)

# Function words that may still open a name or number a thing ("First Congress", "Figure 1"):
# untrusted at a sentence start, but not breaking a run elsewhere.
SOFT_FUNCTION_WORDS = _words(
    """
    first second third fourth fifth last next one two three four five six seven eight nine ten
    hundred thousand million billion chapter section figure table part step introduction
    conclusion summary abstract references given note see well dear great
    """
)
# Capitalised, these are never (part of) a name: "The", "This", "In", "We", "If".
NEVER_NAMES = FUNCTION_WORDS - SOFT_FUNCTION_WORDS

MONTHS = frozenset(m for m in calendar.month_name if m) | frozenset(m for m in calendar.month_abbr if m)
WEEKDAYS = frozenset(calendar.day_name) | frozenset(calendar.day_abbr)
# Capitalised words that are never names: calendar words and the pronoun I.
NOT_NAMES = MONTHS | WEEKDAYS | frozenset({"I", "Sept", "Tues", "Thur", "Thurs"})

# All-capital words that are abbreviations of ordinary words, not names.
COMMON_ACRONYMS = _words(
    "OK TV AM PM CEO CFO CTO ID PHD PhD DIY FAQ USB PDF URL HTML CD DVD GPS AI IT IQ BC AD BCE CE "
    "DNA RNA HIV AIDS ATM SMS PS PPS NB FYI ASAP RSVP VIP ETA DJ MC OMG LOL UFO VS ET AL CV"
)

# Verbs after a bare name that mark it as a person ("Tokayev said"); not "recalled": firms recall cars.
PERSON_VERBS = _words(
    "said says told tells wrote writes argued argues added adds explained explains asked asks "
    "replied believes believed thinks thought noted notes insisted stated "
    "claimed claims admitted announced warned urged suggested died born married became received "
    "joined graduated studied retired et"
)
# Verbs of deciding, wanting and speaking after "the X" ("the Kremlin wants", "the Pentagon said"):
# people are not "the X" and places rarely act, so a bare "the X" that acts is an institution.
# Verbs of a life ("died", "born", "married") are left out: "the Beatles married" says no more.
AGENT_VERBS = _words(
    "said says told tells announced announces warned warns urged urges claimed claims stated states "
    "insisted insists denied denies confirmed confirms argued argues wants wanted wishes hopes hoped "
    "fears feared expects expected intends intended plans planned decided decides agreed agrees "
    "refused refuses rejected rejects approved approves demanded demands sought seeks ordered orders "
    "accused accuses responded responds declined declines vowed vows"
)
PLACE_PREPOSITIONS = _words("in at near from to into across throughout outside inside towards toward via")

# A lower-case noun right after a name that says what kind of thing it names ("the Eegimaa
# language", "Socotra island", "the Onion newspaper"). Nouns that follow people and places alike
# ("government", "administration") are left out.
CLASSIFIER_NOUNS = {
    **dict.fromkeys("language languages dialect dialects tongue script alphabet".split(), "OTHER"),
    **dict.fromkeys("film movie show series novel book album song poem play opera game app software "
                    "browser".split(), "OTHER"),
    **dict.fromkeys("river island islands city town village county province region valley lake "
                    "mountain mountains peninsula archipelago district neighborhood neighbourhood "
                    "suburb airport station beach bay coast desert area".split(), "PLACE"),
    **dict.fromkeys("company corporation firm brand network band team club university college "
                    "school organization organisation group movement church agency magazine newspaper "
                    "tabloid website".split(), "ORG"),  # both corpora type a publication as its publisher
}

# Firms and publications named like people, which no context in a short text tells from a person
# ("Charlie Hebdo's editors", "Fannie Mae said"): named often in the news, rare in the corpora the
# type model learns from, so the name itself decides. Their words as the tokeniser yields them.
ORGS_NAMED_LIKE_PEOPLE = frozenset(tuple(name.split()) for name in (
    "Charlie Hebdo", "Fannie Mae", "Freddie Mac", "Sallie Mae", "Ginnie Mae", "Goldman Sachs",
    "Morgan Stanley", "Merrill Lynch", "Lehman Brothers", "Salomon Brothers", "Bear Stearns",
    "Wells Fargo", "Charles Schwab", "Dean Witter", "Smith Barney", "Paine Webber", "Arthur Andersen",
    "Philip Morris", "Ralph Lauren", "Calvin Klein", "Louis Vuitton", "Estee Lauder", "Walt Disney",
    "Sotheby", "Le Monde", "Der Spiegel", "Die Zeit", "Al Jazeera",
))
