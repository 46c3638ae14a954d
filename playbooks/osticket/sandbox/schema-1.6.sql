-- The sandbox's osTicket 1.6 database (SQLite instead of MySQL, TABLE_PREFIX ost_): the one-row
-- configuration table of 1.6 (isonline, upload_dir), staff, tickets, their messages, and
-- attachments whose files are in the upload folder (1.6 keeps them on disk; 1.7 moves them into
-- the database). The patches of later releases change it from there.
CREATE TABLE ost_config (id INTEGER PRIMARY KEY, isonline INTEGER NOT NULL DEFAULT 1,
  helpdesk_title TEXT NOT NULL, upload_dir TEXT NOT NULL, ostversion TEXT NOT NULL);
CREATE TABLE ost_staff (staff_id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
  isadmin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE ost_ticket (ticket_id INTEGER PRIMARY KEY, ticketID INTEGER NOT NULL UNIQUE,
  subject TEXT NOT NULL, email TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', created TEXT NOT NULL);
CREATE TABLE ost_ticket_message (msg_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,
  message TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE ost_ticket_attachment (attach_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,
  file_key TEXT NOT NULL, file_name TEXT NOT NULL, file_size INTEGER NOT NULL);

INSERT INTO ost_staff (username, isadmin) VALUES ('admin', 1), ('agent1', 0), ('agent2', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
  INSERT INTO ost_ticket (ticketID, subject, email, status, created)
  SELECT 100000 + i, 'Ticket ' || i, 'user' || i || '@example.com',
         CASE WHEN i % 4 = 0 THEN 'closed' ELSE 'open' END, '2009-0' || (1 + i % 9) || '-1' || (i % 10)
  FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
  INSERT INTO ost_ticket_message (ticket_id, message, created)
  SELECT 1 + (i - 1) % 20, 'Message ' || i || ' of the sandbox', '2009-10-0' || (1 + i % 9) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
  INSERT INTO ost_ticket_attachment (ticket_id, file_key, file_name, file_size)
  SELECT i * 3, 'k' || i || 'a7f3', 'screenshot-' || i || '.png', 24 FROM n;
