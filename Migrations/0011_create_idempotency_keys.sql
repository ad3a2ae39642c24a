-- Creates that carried an Idempotency-Key, and the response each got, so a retried request
-- gets the first answer instead of making a second record. A row without a response belongs
-- to a request still running.

CREATE TABLE idempotency_keys (
    user_id         uuid NOT NULL REFERENCES users (id),
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash    text NOT NULL,
    response_status integer,
    response_body   text,
    response_etag   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
