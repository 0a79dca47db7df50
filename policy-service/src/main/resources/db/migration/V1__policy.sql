-- No CHECK constraints: H2 2.4.240 reports them invalid once the connection that created them
-- closes (h2database/h2database#4308); the entity's enums keep product and status in range.
CREATE SEQUENCE policy_number_seq START WITH 4000 INCREMENT BY 1;

CREATE TABLE policy (
    number      BIGINT        PRIMARY KEY,
    customer_id VARCHAR(20)   NOT NULL,
    holder      VARCHAR(100),
    product     VARCHAR(20)   NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    premium     NUMERIC(12,2) NOT NULL,
    partner     VARCHAR(50),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL
);

-- The customer persona lists by holder, the partner view by partner.
CREATE INDEX policy_holder_idx ON policy (holder);
CREATE INDEX policy_partner_idx ON policy (partner);
