-- Demo data matching customer-service's demo customers: alice owns C-1001, frank owns C-1002,
-- C-1003 and C-1004 have no login. Some were sold through the partners acme and globex.
INSERT INTO policy (number, customer_id, holder, product, status, premium, partner, created_at, version) VALUES
    (3001, 'C-1001', 'alice', 'HOME',   'APPROVED',  480.00, 'acme',   TIMESTAMP WITH TIME ZONE '2026-01-06 09:30:00+00', 0),
    (3002, 'C-1001', 'alice', 'TRAVEL', 'QUOTED',     95.00, NULL,     TIMESTAMP WITH TIME ZONE '2026-05-02 11:00:00+00', 0),
    (3003, 'C-1002', 'frank', 'AUTO',   'APPROVED',  720.00, 'acme',   TIMESTAMP WITH TIME ZONE '2026-02-12 15:20:00+00', 0),
    (3004, 'C-1002', 'frank', 'HOME',   'QUOTED',    480.00, 'globex', TIMESTAMP WITH TIME ZONE '2026-04-18 10:05:00+00', 0),
    (3005, 'C-1003', NULL,    'AUTO',   'REJECTED',  720.00, 'acme',   TIMESTAMP WITH TIME ZONE '2026-03-03 08:40:00+00', 0),
    (3006, 'C-1004', NULL,    'TRAVEL', 'CANCELLED',  95.00, NULL,     TIMESTAMP WITH TIME ZONE '2026-04-21 13:10:00+00', 0),
    (3007, 'C-1003', NULL,    'HOME',   'QUOTED',    480.00, NULL,     TIMESTAMP WITH TIME ZONE '2026-05-07 16:45:00+00', 0);
