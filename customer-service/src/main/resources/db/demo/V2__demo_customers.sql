-- Demo data matching the realm's users (auth-server-config): alice owns C-1001, frank owns C-1002.
-- The others are customers without a login, handled by agents.
INSERT INTO customer (number, owner, name, email, status, created_at, version) VALUES
    (1001, 'alice', 'Alice Anders',  'alice@example.com', 'ACTIVE',    TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00', 0),
    (1002, 'frank', 'Frank Fischer', 'frank@example.com', 'ACTIVE',    TIMESTAMP WITH TIME ZONE '2026-02-11 10:30:00+00', 0),
    (1003, NULL,    'Grace Gomez',   'grace@example.com', 'ACTIVE',    TIMESTAMP WITH TIME ZONE '2026-03-02 14:15:00+00', 0),
    (1004, NULL,    'Henry Holt',    'henry@example.com', 'SUSPENDED', TIMESTAMP WITH TIME ZONE '2026-04-20 08:45:00+00', 0);
