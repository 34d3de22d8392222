-- The database schema: the one place where tables are defined (documented in README.md,
-- and tests/test_docs.py fails when a table or column is missing there). The build
-- inserts rows by column name, so the order of columns here is free.

-- Lookup tables of the enumerations: filled from etl/kinds.py (pledge kinds, link types)
-- and geo/site_kinds.csv, geo/link_types.csv (labels, letters, colours).
CREATE TABLE pledge_kinds (
    kind  VARCHAR PRIMARY KEY                -- etl/kinds.py PLEDGE_KINDS
);

CREATE TABLE commitments (
    commitment VARCHAR PRIMARY KEY           -- etl/kinds.py COMMITMENTS: 'pruefbar', 'allgemein', 'keine'
);

CREATE TABLE roles (
    role VARCHAR PRIMARY KEY                 -- etl/kinds.py ROLES: 'target', 'example', 'context'
);

CREATE TABLE similarity_levels (
    level VARCHAR PRIMARY KEY                -- etl/kinds.py SIMILARITY_LEVELS: 'common', 'possible', 'weak'
);

CREATE TABLE review_fields (
    field VARCHAR PRIMARY KEY                -- etl/kinds.py REVIEW_FIELDS: what a review record decides
);

CREATE TABLE statuses (
    status     VARCHAR PRIMARY KEY,          -- etl/kinds.py STATUSES
    label      VARCHAR NOT NULL,             -- German, shown
    definition VARCHAR NOT NULL,             -- one line (data/statuses.csv)
    source     VARCHAR NOT NULL,             -- where the definition comes from
    position   INTEGER NOT NULL              -- its place in lists and legends
);

CREATE TABLE review_statuses (
    status VARCHAR PRIMARY KEY               -- etl/kinds.py REVIEW_STATUSES: 'applied', 'orphan'
);

CREATE TABLE reaches (
    reach VARCHAR PRIMARY KEY                -- etl/kinds.py REACHES: 'direct', 'group', 'feature'
);

CREATE TABLE link_types (
    link_type   VARCHAR PRIMARY KEY,         -- geo/link_types.csv (etl/kinds.py LINK_TYPES at least)
    label       VARCHAR NOT NULL,            -- German label
    reach       VARCHAR NOT NULL REFERENCES reaches (reach),  -- what the map counts it as
    description VARCHAR                      -- German: what the link means
);

CREATE TABLE site_kinds (
    kind   VARCHAR PRIMARY KEY,              -- 'revierpark', ... (geo/site_kinds.csv)
    label  VARCHAR NOT NULL,                 -- German label shown in legends
    letter VARCHAR NOT NULL,                 -- one character on the marker
    color  VARCHAR NOT NULL                  -- marker colour '#RRGGBB'
);

CREATE TABLE parties (
    party_id   VARCHAR PRIMARY KEY,          -- 'spd', 'volt', ...
    name       VARCHAR NOT NULL,             -- as the party names itself, e.g. 'RuhrSPD'
    color      VARCHAR NOT NULL              -- '#RRGGBB'
);

CREATE TABLE documents (
    document_id  VARCHAR PRIMARY KEY,        -- registry id, e.g. 'spd-2020'
    party_id     VARCHAR NOT NULL REFERENCES parties (party_id), -- the party (parties)
    year         INTEGER NOT NULL,           -- election year
    title        VARCHAR NOT NULL,           -- the programme's title
    election     VARCHAR,                    -- the election it was written for
    format       VARCHAR NOT NULL,           -- 'pdf', 'pdf-text', 'markdown', 'html', 'text'
    source_file  VARCHAR NOT NULL,           -- file name under data/manifestos/
    url          VARCHAR,                    -- the address of the programme itself (its PDF or page), where known
    sha256       VARCHAR NOT NULL,           -- of the extracted text (UTF-8), for a PDF of its text layer
    pledge_count INTEGER NOT NULL,           -- pledges extracted
    term_end     DATE,                       -- the term it was for ended (registry): statuses allowed
    term_start   DATE                        -- and began (registry): council papers from then on
);

CREATE TABLE topics (
    topic_id    VARCHAR PRIMARY KEY,         -- 'mobilitaet', ...
    label       VARCHAR NOT NULL,            -- German label shown in the UI
    description VARCHAR,                     -- German: what the topic covers
    position    INTEGER NOT NULL             -- display order
);

CREATE TABLE found_by (
    found_by VARCHAR PRIMARY KEY             -- etl/kinds.py FOUND_BY: how a heading was found
);

CREATE TABLE sections (
    document_id VARCHAR NOT NULL REFERENCES documents (document_id), -- the programme
    position    INTEGER NOT NULL,            -- 1, 2, ... in the document's order
    level       INTEGER NOT NULL,            -- 1 chapter, 2 subchapter
    title       VARCHAR NOT NULL,            -- as printed (pledges.section / .subsection)
    page        INTEGER,                     -- page of the original (format 'pdf')
    found_by    VARCHAR NOT NULL REFERENCES found_by (found_by), -- how the heading was found (found_by)
    PRIMARY KEY (document_id, position)
);

CREATE TABLE document_lines (
    -- the document as the reading numbered it: what "Im Programm lesen" shows, and the
    -- line pledges.source_line points to (the file's line for text and Markdown)
    document_id VARCHAR NOT NULL REFERENCES documents (document_id), -- the programme (documents)
    line        INTEGER NOT NULL,            -- the line number a source citation names (Zeile)
    text        VARCHAR NOT NULL,            -- the line as extracted, verbatim
    PRIMARY KEY (document_id, line)
);

CREATE TABLE pledges (
    pledge_id      VARCHAR PRIMARY KEY,      -- '<document_id>-<hash of kind and text>', stable
    document_id    VARCHAR NOT NULL REFERENCES documents (document_id), -- its programme (documents)
    party_id       VARCHAR NOT NULL REFERENCES parties (party_id), -- its party (parties)
    year           INTEGER NOT NULL,         -- the election year of its programme
    section        VARCHAR NOT NULL,         -- chapter
    subsection     VARCHAR,                  -- heading or list lead-in within the chapter
    kind           VARCHAR NOT NULL REFERENCES pledge_kinds (kind), -- pledge_kinds: a bullet, a sentence of prose, …
    text           VARCHAR NOT NULL,         -- the source's words, layout repaired
    topic_id       VARCHAR NOT NULL REFERENCES topics (topic_id),  -- primary topic
    topic_ids      VARCHAR[] NOT NULL,       -- primary first, at most three
    topic_evidence VARCHAR NOT NULL,         -- JSON {"terms": {topic: [words]}, "section_prior": {topic: w}}
    parent_id      VARCHAR,                  -- the bullet a sub-bullet belongs to
    position       INTEGER NOT NULL,         -- 1-based order within the document
    source_line    INTEGER NOT NULL,         -- line in the source file where the block starts
    cue            VARCHAR,                  -- statements: the commitment cue that matched
    commitment     VARCHAR NOT NULL REFERENCES commitments (commitment),  -- data/commitment_rules.toml
    commitment_evidence VARCHAR NOT NULL,    -- 'rule: words; ...' that decided ('' for allgemein)
    context        VARCHAR,                  -- the sentence before, when the pledge leans on it
    source_page    INTEGER,                  -- page of the original (format 'pdf' only)
    search_text    VARCHAR NOT NULL,         -- text, section and subsection folded by etl/search.py
    reviewed       BOOLEAN NOT NULL,         -- a person decided something shown (table reviews)
    status         VARCHAR REFERENCES statuses (status),  -- ended terms only: what became of it
    status_url     VARCHAR,                  -- the evidence of the status (a review record)
    status_title   VARCHAR,                  -- the evidence's title (a status record)
    status_date    DATE,                     -- the evidence's date
    status_quote   VARCHAR                   -- a short quote from the evidence
);

CREATE TABLE pledge_topics (
    pledge_id  VARCHAR NOT NULL REFERENCES pledges (pledge_id), -- the pledge
    topic_id   VARCHAR NOT NULL REFERENCES topics (topic_id), -- one of its topics
    rank       INTEGER NOT NULL,             -- 1 = primary
    score      DOUBLE NOT NULL,              -- lexicon weights plus section prior
    terms      VARCHAR[] NOT NULL,           -- the words that matched for this topic
    PRIMARY KEY (pledge_id, topic_id)
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,               -- 'built_at', 'inputs_sha256' (data, code, schema), 'schema_version'
    value VARCHAR NOT NULL
);

CREATE TABLE municipalities (
    ags      VARCHAR PRIMARY KEY,            -- 8-digit Amtlicher Gemeindeschlüssel
    name     VARCHAR NOT NULL,               -- official name (GEN), e.g. 'Wetter (Ruhr)'
    kreis    VARCHAR NOT NULL,               -- 'kreisfrei' or the Kreis, e.g. 'Kreis Unna'
    kind     VARCHAR NOT NULL,               -- 'kreisfreie Stadt', 'Stadt', 'Gemeinde'
    lat      DOUBLE NOT NULL,                -- a point inside the polygon (WGS84)
    lon      DOUBLE NOT NULL,                -- longitude of that point
    geometry VARCHAR NOT NULL                -- GeoJSON geometry (WGS84)
);

CREATE TABLE sites (
    site_id  VARCHAR PRIMARY KEY,            -- 'revierpark-gysenberg', ...
    name     VARCHAR NOT NULL,               -- e.g. 'Revierpark Gysenberg'
    kind     VARCHAR NOT NULL REFERENCES site_kinds (kind), -- its kind (site_kinds)
    ags      VARCHAR NOT NULL REFERENCES municipalities (ags), -- the municipality it lies in
    lat      DOUBLE NOT NULL,                -- a point of it (WGS84)
    lon      DOUBLE NOT NULL,                -- its longitude
    aliases  VARCHAR[] NOT NULL,             -- names that link a pledge to the site
    source   VARCHAR NOT NULL                -- where its location comes from
);

CREATE TABLE groups (
    group_id  VARCHAR PRIMARY KEY,           -- 'kreis-unna', 'emscher-lippe', ...
    label     VARCHAR NOT NULL,              -- German, shown
    kind      VARCHAR NOT NULL,              -- 'kreis', 'region', 'programme', 'network', 'river', 'site_kind'
    aliases   VARCHAR[] NOT NULL,            -- the names that make a pledge reach the group
    site_kind VARCHAR,                       -- for collective mentions of a site kind
    source    VARCHAR NOT NULL               -- where its membership comes from
);

CREATE TABLE group_members (
    group_id VARCHAR NOT NULL REFERENCES groups (group_id), -- the group
    ags      VARCHAR NOT NULL REFERENCES municipalities (ags), -- a member municipality
    PRIMARY KEY (group_id, ags)
);

CREATE TABLE feature_kinds (
    kind         VARCHAR PRIMARY KEY,        -- 'rvr_wald', 'halde', ... (geo/feature_kinds.csv)
    label        VARCHAR NOT NULL,           -- German label shown in legends and evidence
    letter       VARCHAR NOT NULL,           -- one character on the map's point
    color        VARCHAR NOT NULL,           -- '#RRGGBB'
    completeness VARCHAR NOT NULL,           -- how complete the list of this kind is
    as_of        VARCHAR NOT NULL            -- the year of the newest source
);

CREATE TABLE features (
    feature_id VARCHAR PRIMARY KEY,          -- one row per feature and municipality (geo/features.csv)
    kind       VARCHAR NOT NULL REFERENCES feature_kinds (kind), -- its kind (feature_kinds)
    name       VARCHAR NOT NULL,             -- e.g. 'Haard'
    ags        VARCHAR NOT NULL REFERENCES municipalities (ags), -- the municipality it lies in
    lat        DOUBLE,                       -- NULL for a line (RS1, Emscher) or without a sourced point
    lon        DOUBLE,                       -- checked inside the municipality by the build
    source     VARCHAR NOT NULL              -- the public source of the fact
);

CREATE TABLE pledge_places (
    pledge_id VARCHAR NOT NULL REFERENCES pledges (pledge_id), -- the pledge
    ags       VARCHAR NOT NULL REFERENCES municipalities (ags), -- the municipality it concerns
    site_id   VARCHAR REFERENCES sites (site_id),  -- NULL unless a site link
    link_type VARCHAR NOT NULL REFERENCES link_types (link_type), -- how it names the place (link_types)
    role      VARCHAR NOT NULL REFERENCES roles (role),  -- only targets count on the map
    evidence  VARCHAR NOT NULL,              -- the words that matched, '; '-separated
    role_evidence VARCHAR NOT NULL           -- the cue that made it an example or context ('' for a target)
);

CREATE TABLE pledge_similarity (
    pledge_id       VARCHAR NOT NULL REFERENCES pledges (pledge_id), -- the pledge
    other_pledge_id VARCHAR NOT NULL REFERENCES pledges (pledge_id),  -- of another party
    score           DOUBLE NOT NULL,         -- word overlap scaled by meaning (etl/similarity.py)
    shared_terms    VARCHAR[] NOT NULL,      -- the words both use, strongest first
    rank            INTEGER NOT NULL,        -- 1 = best counterpart in that party; 0 = added by a review
    topic_id        VARCHAR NOT NULL REFERENCES topics (topic_id),  -- a topic both share
    level           VARCHAR REFERENCES similarity_levels (level),  -- NULL: added by a review
        -- common: shown as common ground; possible: a counterpart a reader may see, so
        -- neither pledge is one party's alone; weak: ranking only (etl.kinds)
    review          VARCHAR,                 -- 'confirmed' or 'rejected' by a person, else NULL
    PRIMARY KEY (pledge_id, other_pledge_id)
);

-- A person's decisions (data/reviews/*.csv, etl/reviews.py), applied after the rules:
-- the shown value is the reviewed one; `before` keeps what the rules made of it.
CREATE TABLE reviews (
    file       VARCHAR NOT NULL,             -- the record's file in data/reviews/
    row        INTEGER NOT NULL,             -- and its row (the header is row 1)
    pledge_id  VARCHAR NOT NULL,             -- not a foreign key: a hidden pledge is not in pledges
    text_sha   VARCHAR NOT NULL,             -- fingerprint of the words the record was made for
    field      VARCHAR NOT NULL REFERENCES review_fields (field), -- what it decides (review_fields)
    target     VARCHAR,                      -- place: AGS or site id; pair: the other pledge id
    value      VARCHAR,                      -- the reviewed value ('' or NULL: none)
    before     VARCHAR,                      -- what the rules made of it (not_a_pledge: the text)
    reason     VARCHAR NOT NULL,             -- why, in the reviewer's words
    reviewer   VARCHAR NOT NULL,             -- who decided
    date       DATE NOT NULL,                -- when
    source_url VARCHAR,                      -- where the decision's source is
    evidence_title VARCHAR,                  -- a status record's evidence: its title, date and quote
    evidence_date  DATE,                     -- a status record: the evidence's date
    evidence_quote VARCHAR,                  -- a status record: a short quote from it
    status     VARCHAR NOT NULL REFERENCES review_statuses (status), -- review_statuses: applied, or an orphan (its words changed)
    PRIMARY KEY (file, row)
);

-- Council records (OParl), written by python -m etl council into data/council.duckdb; the build copies them (issue 27)
-- One OParl endpoint's bodies, meetings, agenda items, papers and files (etl/council/). Rows
-- are upserted by OParl id; date-times stay ISO 8601 strings as served (with their offset).
CREATE TABLE council_bodies (
    id           VARCHAR PRIMARY KEY,        -- OParl id: the Body's URL
    system_id    VARCHAR,                    -- the System it belongs to (its URL)
    name         VARCHAR,                    -- e.g. 'Regionalverband Ruhr'
    short_name   VARCHAR,
    ags          VARCHAR,                    -- Amtlicher Gemeindeschlüssel, where given
    website      VARCHAR,
    meeting_list VARCHAR,                    -- URL of its list of meetings
    paper_list   VARCHAR,                    -- URL of its list of papers
    web          VARCHAR,                    -- the same body in the council system's web pages
    modified     VARCHAR,                    -- ISO 8601 as served
    deleted      BOOLEAN NOT NULL            -- soft-deleted by the server: only id and modified kept
);

CREATE TABLE council_meetings (
    id           VARCHAR PRIMARY KEY,        -- OParl id: the Meeting's URL
    body_id      VARCHAR,                    -- the body whose list gave it
    name         VARCHAR,                    -- e.g. '4. Sitzung des Finanzausschusses'
    meeting_state VARCHAR,                   -- as served, e.g. 'terminiert', 'durchgeführt'
    cancelled    BOOLEAN,
    start_time   VARCHAR,                    -- ISO 8601 as served
    end_time     VARCHAR,
    location     VARCHAR,                    -- the embedded Location's description
    organization_ids VARCHAR[],              -- the committees (Organization URLs) that met
    web          VARCHAR,
    modified     VARCHAR,
    deleted      BOOLEAN NOT NULL            -- soft-deleted: content columns NULL, agenda items gone
);

CREATE TABLE council_agenda_items (
    id              VARCHAR PRIMARY KEY,     -- OParl id: the AgendaItem's URL
    meeting_id      VARCHAR NOT NULL,        -- the meeting it was embedded in
    position        INTEGER,                 -- OParl `order`: its place in the agenda
    number          VARCHAR,                 -- as printed, e.g. '10.1'
    name            VARCHAR,
    public          BOOLEAN,
    result          VARCHAR,                 -- e.g. 'Geändert beschlossen'
    resolution_text VARCHAR,
    consultation_id VARCHAR,                 -- the Consultation's URL
    paper_id        VARCHAR,                 -- the paper consulted, via council_consultations
    modified        VARCHAR
);

CREATE TABLE council_consultations (
    id             VARCHAR PRIMARY KEY,      -- OParl id: the Consultation's URL
    paper_id       VARCHAR,                  -- the paper it was embedded in (or names)
    agenda_item_id VARCHAR,                  -- where the paper was discussed
    meeting_id     VARCHAR,
    role           VARCHAR,                  -- e.g. 'Beschlussfassung', 'Kenntnisnahme'
    authoritative  BOOLEAN                   -- a decision, not only advice
);

CREATE TABLE council_papers (
    id           VARCHAR PRIMARY KEY,        -- OParl id: the Paper's URL
    body_id      VARCHAR,                    -- the paper's body (else the body whose list gave it)
    name         VARCHAR,                    -- title, e.g. 'Antwort auf Anfrage 1200/2014'
    reference    VARCHAR,                    -- Drucksachennummer, e.g. '1234/2014'
    date         DATE,                       -- date of the paper
    paper_type   VARCHAR,                    -- e.g. 'Antrag', 'Beschlussvorlage'
    main_file_id VARCHAR,                    -- the File holding the paper itself
    web          VARCHAR,
    modified     VARCHAR,
    deleted      BOOLEAN NOT NULL            -- soft-deleted: content columns NULL, files gone
);

CREATE TABLE council_files (
    paper_id     VARCHAR NOT NULL,           -- the paper it is attached to
    id           VARCHAR NOT NULL,           -- OParl id: the File's URL
    role         VARCHAR NOT NULL,           -- 'main' (mainFile) or 'auxiliary' (auxiliaryFile)
    name         VARCHAR,
    file_name    VARCHAR,
    mime_type    VARCHAR,                    -- e.g. 'application/pdf'
    size         BIGINT,                     -- bytes, as the server states
    date         DATE,
    access_url   VARCHAR,                    -- where the document itself is (never downloaded here)
    download_url VARCHAR,
    text         VARCHAR,                    -- the server's text of a main file (File.text), else NULL
    modified     VARCHAR,
    PRIMARY KEY (paper_id, id)
);

CREATE TABLE council_runs (
    run_id         INTEGER PRIMARY KEY,      -- 1, 2, ...; a resumed run keeps its number
    endpoint       VARCHAR NOT NULL,         -- the URL given on the command line
    system_id      VARCHAR,                  -- the System's id (after redirects)
    started_at     TIMESTAMP NOT NULL,       -- UTC; the next run asks for changes since then
    finished_at    TIMESTAMP,                -- UTC; NULL while running or after a kill (resumed next)
    complete       BOOLEAN NOT NULL,         -- every list read to its end
    modified_since VARCHAR,                  -- the filter this run used; NULL for a full read
    requests       INTEGER NOT NULL,         -- HTTP requests made, retries included
    retries        INTEGER NOT NULL          -- requests repeated after a 429, 5xx or lost connection
);

CREATE TABLE council_lists (
    run_id    INTEGER NOT NULL,              -- the run reading the list
    body_id   VARCHAR NOT NULL,
    list      VARCHAR NOT NULL,              -- 'paper' or 'meeting'
    first_url VARCHAR NOT NULL,              -- the list's first page, filter included
    next_url  VARCHAR,                       -- the page to read next; NULL when done
    pages     INTEGER NOT NULL,              -- pages committed so far
    finished  BOOLEAN NOT NULL,              -- read to its end (links.next absent)
    PRIMARY KEY (run_id, body_id, list)
);

CREATE TABLE council_problems (
    run_id  INTEGER NOT NULL,                -- the run that met it
    url     VARCHAR NOT NULL,                -- the object or page concerned
    problem VARCHAR NOT NULL                 -- one line: what was wrong; the object was skipped
);

-- Council papers proposed as evidence of what became of a checkable pledge of an ended
-- term (etl/candidates.py): a reviewer decides, the paper becomes the status's evidence.
CREATE TABLE paper_candidates (
    pledge_id    VARCHAR NOT NULL REFERENCES pledges (pledge_id), -- the checkable pledge of an ended term
    paper_id     VARCHAR NOT NULL,           -- council_papers.id
    rank         INTEGER NOT NULL,           -- 1 = the most likely evidence
    score        DOUBLE NOT NULL,            -- shared rare words + meaning + a named target town
    shared_terms VARCHAR[] NOT NULL,         -- the words both use, strongest first
    shared_towns VARCHAR[] NOT NULL,         -- AGS of the pledge's target towns the paper names
    PRIMARY KEY (pledge_id, paper_id)
);
