-- The sandbox's osTicket 1.6 database (TABLE_PREFIX ost_): the one-row configuration table of 1.6
-- (isonline, upload_dir), staff, tickets, their messages, and attachments whose files are in the
-- upload folder (1.6 keeps them on disk; 1.7 moves them into the database). The patches of later
-- releases change it from there. SQL that SQLite and MariaDB/MySQL both run: every row gets its id
-- explicitly (build.sh writes the data), VARCHAR where a column is unique.
CREATE TABLE ost_config (id INTEGER PRIMARY KEY, isonline INTEGER NOT NULL DEFAULT 1,
  helpdesk_title VARCHAR(255) NOT NULL, upload_dir VARCHAR(1024) NOT NULL, ostversion VARCHAR(16) NOT NULL);
CREATE TABLE ost_staff (staff_id INTEGER PRIMARY KEY, username VARCHAR(32) NOT NULL UNIQUE,
  isadmin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE ost_ticket (ticket_id INTEGER PRIMARY KEY, ticketID INTEGER NOT NULL UNIQUE,
  subject VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'open', created VARCHAR(32) NOT NULL);
CREATE TABLE ost_ticket_message (msg_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,
  message TEXT NOT NULL, created VARCHAR(32) NOT NULL);
CREATE TABLE ost_ticket_attachment (attach_id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL,
  file_key VARCHAR(64) NOT NULL, file_name VARCHAR(255) NOT NULL, file_size INTEGER NOT NULL);
