-- Pilots (a tool at an authority, or a multi-authority pilot with a lead and participants)
-- and the records that hang off them. Each child record carries its own sharing level.

CREATE TABLE pilots (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    tool_id        uuid NOT NULL REFERENCES tools (id),
    lead_authority text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    origin         origin NOT NULL,
    service_areas  service_areas NOT NULL DEFAULT '{}',
    sharing_level  sharing_level NOT NULL,
    description    text,
    -- Denormalised from the latest phase_changes row, kept in step in the same transaction,
    -- so filtering by current phase needs no scan of the history.
    phase          phase NOT NULL,
    phase_since    date NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    is_demo        boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);
CREATE INDEX pilots_page ON pilots (seq) WHERE deleted_at IS NULL;
CREATE INDEX pilots_lead ON pilots (lead_authority);
CREATE INDEX pilots_tool ON pilots (tool_id);

CREATE TABLE pilot_participants (
    pilot_id       uuid NOT NULL REFERENCES pilots (id),
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    PRIMARY KEY (pilot_id, authority_code)
);
CREATE INDEX pilot_participants_authority ON pilot_participants (authority_code);

CREATE TABLE phase_changes (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pilot_id     uuid NOT NULL REFERENCES pilots (id),
    phase        phase NOT NULL,
    effective_on date NOT NULL,
    reasons      discontinuation_reasons NOT NULL DEFAULT '{}',
    note         text,
    is_demo      boolean NOT NULL DEFAULT false,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (reasons = '{}' OR phase IN ('discontinued', 'paused'))
);
CREATE INDEX phase_changes_pilot ON phase_changes (pilot_id, effective_on, recorded_at);

CREATE TABLE resourcing_lines (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pilot_id       uuid NOT NULL REFERENCES pilots (id),
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    stage          resourcing_stage NOT NULL,
    fte            numeric(8, 2) CHECK (fte >= 0),
    amount_gbp     money_gbp,
    funding_source funding_source,
    period_start   date,
    period_end     date,
    note           text,
    sharing_level  sharing_level NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    is_demo        boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);
CREATE INDEX resourcing_lines_page ON resourcing_lines (pilot_id, seq) WHERE deleted_at IS NULL;

CREATE TABLE assessments (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pilot_id      uuid NOT NULL REFERENCES pilots (id),
    kind          assessment_kind NOT NULL,
    status        assessment_status NOT NULL,
    completed_on  date,
    principles    ethics_principles NOT NULL DEFAULT '{}',
    safeguards    safeguards NOT NULL DEFAULT '{}',
    risks         risks NOT NULL DEFAULT '{}',
    summary       text,
    link          text,
    sharing_level sharing_level NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    is_demo       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX assessments_page ON assessments (pilot_id, seq) WHERE deleted_at IS NULL;

CREATE TABLE evaluations (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pilot_id       uuid NOT NULL REFERENCES pilots (id),
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    evaluator      evaluator NOT NULL,
    design         evaluation_design,
    status         evaluation_status NOT NULL,
    outcome        evaluation_outcome,
    findings       text,
    report_url     text,
    started_on     date,
    completed_on   date,
    sharing_level  sharing_level NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    is_demo        boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CHECK (completed_on IS NULL OR started_on IS NULL OR completed_on >= started_on)
);
CREATE INDEX evaluations_page ON evaluations (pilot_id, seq) WHERE deleted_at IS NULL;

-- Structured measures of an evaluation, in the order given; replaced as a whole on update.
CREATE TABLE evaluation_measures (
    evaluation_id uuid NOT NULL REFERENCES evaluations (id),
    position      integer NOT NULL,
    name          text NOT NULL,
    unit          text,
    baseline      numeric,
    value         numeric,
    note          text,
    PRIMARY KEY (evaluation_id, position)
);

CREATE TABLE insights (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    pilot_id      uuid NOT NULL REFERENCES pilots (id),
    kind          insight_kind NOT NULL,
    scope         insight_scope,
    text          text NOT NULL CHECK (length(text) >= 1),
    sharing_level sharing_level NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    is_demo       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
CREATE INDEX insights_page ON insights (pilot_id, seq) WHERE deleted_at IS NULL;
