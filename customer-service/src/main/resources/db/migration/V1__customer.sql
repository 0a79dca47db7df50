CREATE SEQUENCE customer_number_seq START WITH 2000 INCREMENT BY 1;

CREATE TABLE customer (
    number     BIGINT       PRIMARY KEY,
    owner      VARCHAR(100) UNIQUE,
    name       VARCHAR(200) NOT NULL,
    email      VARCHAR(200) NOT NULL,
    status     VARCHAR(20)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT       NOT NULL
);
