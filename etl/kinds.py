"""The enumerations of the data model, in one place: every module and the database's
lookup tables (filled by the build from here) import them, so a new kind is one edit."""

from __future__ import annotations

# What a pledge is (pledges.kind): a bulleted item, an item of a "goals at a glance"
# list, or a prose sentence that commits.
BULLET = "bullet"
GOAL = "goal"
STATEMENT = "statement"
PLEDGE_KINDS = (BULLET, GOAL, STATEMENT)

# How a link reaches a municipality (link_types.reach): the pledge names the town or a
# place in it (direct), a group it belongs to, or a kind of feature it has. The map counts
# direct links; its switches add the other two. Every query, count and view section goes
# by the reach, never by a link type's name.
DIRECT = "direct"
BY_GROUP = "group"
BY_FEATURE = "feature"
REACHES = (DIRECT, BY_GROUP, BY_FEATURE)

# Why a pledge is linked to a municipality (pledge_places.link_type), as the linkers of
# etl/places.py make them: it names the municipality, a site in it, or a group it belongs
# to, or a kind of feature the municipality has ("die RVR-Wälder", "Radschnellwege":
# geo/features.csv). geo/link_types.csv gives each its label and reach; a new link type
# is a row there plus the linker that makes it.
EXPLICIT = "explicit"
SITE = "site"
GROUP = "group"
THEMATIC = "thematic"
LINK_TYPES = (EXPLICIT, SITE, GROUP, THEMATIC)

# How firmly a pledge commits (pledges.commitment): a checkable action or outcome, a
# direction, or no commitment (a slogan or definition that stands in a list).
PRUEFBAR = "pruefbar"
ALLGEMEIN = "allgemein"
KEINE = "keine"
COMMITMENTS = (PRUEFBAR, ALLGEMEIN, KEINE)

# What a linked place is to the pledge (pledge_places.role): the place the pledge promises
# something for, a model it names, or a place named only in a describing sentence. Only
# targets are counted on the map. Cues: geo/role_cues.toml.
TARGET = "target"
EXAMPLE = "example"
CONTEXT = "context"
ROLES = (TARGET, EXAMPLE, CONTEXT)

# How close two pledges of different parties are (pledge_similarity.level, etl/similarity.py)
COMMON = "common"  # shown as common ground ("Gemeinsamkeiten")
POSSIBLE = "possible"  # a possible counterpart: neither pledge is one party's alone
WEAK = "weak"  # kept for ranking only
SIMILARITY_LEVELS = (COMMON, POSSIBLE, WEAK)

# How a chapter or subchapter heading was found (sections.found_by): the PDF's outline
# (bookmarks), its type (size, weight, colour; capitals in text extracted from a PDF),
# its numbering ("3.", "III."), the document's table of contents, the registry
# (`lost_headings`), or markup (Markdown and HTML heading tags).
OUTLINE = "outline"
TYPOGRAPHY = "typography"
NUMBERING = "numbering"
TOC = "toc"
REGISTRY = "registry"
MARKUP = "markup"
FOUND_BY = (OUTLINE, TYPOGRAPHY, NUMBERING, TOC, REGISTRY, MARKUP)

# What a person's review record decides (data/reviews/*.csv, reviews.field; etl/reviews.py):
# that a text is no pledge, its commitment class, its primary topic, its context sentence,
# the role of one of its place links (or that the link goes), or that a counterpart pair
# is the same commitment or not. A record applies only to the words it was made for.
NOT_A_PLEDGE = "not_a_pledge"
COMMITMENT_FIELD = "commitment"
TOPIC_FIELD = "topic"
CONTEXT_FIELD = "context"
PLACE_FIELD = "place"
PAIR_FIELD = "pair"
STATUS = "status"
REVIEW_FIELDS = (
    NOT_A_PLEDGE,
    COMMITMENT_FIELD,
    TOPIC_FIELD,
    CONTEXT_FIELD,
    PLACE_FIELD,
    PAIR_FIELD,
    STATUS,
)
CONFIRMED = "confirmed"  # the same commitment: common ground
SIMILAR = "similar"  # related, not the same commitment: stays among the similar pledges
REJECTED = "rejected"  # not the same commitment: no counterpart either
PAIR_VERDICTS = (CONFIRMED, SIMILAR, REJECTED)  # reviews.value of a 'pair' record
# Where the comparison puts a pledge (dashboard/compare_queries.py): in a pair shown as
# common ground, else in a pair among the similar pledges, else it is one party's alone
# ("Nur bei …"). The comparison's lists and its map count by the same tiers.
ALONE = "alone"
TIERS = (COMMON, SIMILAR, ALONE)
NO_LINK = "none"  # reviews.value of a 'place' record that removes the link
# Whether a record was applied to the build (reviews.status): its pledge has the words it
# was made for, or not (an orphan: listed by `etl check`, never applied to other words).
APPLIED = "applied"
ORPHAN = "orphan"
REVIEW_STATUSES = (APPLIED, ORPHAN)

# What became of a pledge of an ended term (pledges.status; data/statuses.csv gives each a
# German label, a definition and its source): set only by a review record with evidence;
# every other pledge of an ended term is "noch nicht bewertet".
NOT_RATED = "nicht_bewertet"
IMPLEMENTED = "umgesetzt"
PARTLY = "teilweise_umgesetzt"
STATUSES = (
    IMPLEMENTED,
    PARTLY,
    "begonnen",
    "nicht_umgesetzt",
    "nicht_pruefbar",
    NOT_RATED,
)
