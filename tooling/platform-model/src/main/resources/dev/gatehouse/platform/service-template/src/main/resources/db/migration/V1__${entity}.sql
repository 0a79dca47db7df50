CREATE SEQUENCE ${entity}_number_seq START WITH 1000 INCREMENT BY 1;

CREATE TABLE ${entity} (
    number     BIGINT       PRIMARY KEY,
    owner      VARCHAR(100) NOT NULL,
    title      VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ${entity}_owner ON ${entity} (owner);
