-- Kayako 3 (SupportSuite) tables the sandbox imitates, with a small help desk's data.
-- Portable SQL (SQLite and MariaDB): the builder adds AUTO_INCREMENT to INTEGER PRIMARY KEY for
-- MariaDB, and the sandbox-sql wrapper makes || concatenate there.
CREATE TABLE swsettings (vkey VARCHAR(64) PRIMARY KEY, data TEXT);
CREATE TABLE swstaff (staffid INTEGER PRIMARY KEY, username TEXT NOT NULL);
CREATE TABLE swusers (userid INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE swtickets (ticketid INTEGER PRIMARY KEY, subject TEXT NOT NULL, userid INTEGER);
CREATE TABLE swticketposts (ticketpostid INTEGER PRIMARY KEY, ticketid INTEGER, contents TEXT);
CREATE TABLE swattachments (attachmentid INTEGER PRIMARY KEY, ticketid INTEGER, filename TEXT,
  storefilename TEXT NOT NULL DEFAULT '');
CREATE TABLE swattachmentchunks (chunkid INTEGER PRIMARY KEY, attachmentid INTEGER, contents TEXT);
CREATE TABLE swkbarticles (kbarticleid INTEGER PRIMARY KEY, subject TEXT, isprivate INTEGER);
CREATE TABLE swdownloaditems (downloaditemid INTEGER PRIMARY KEY, title TEXT, filename TEXT);
CREATE TABLE swcomments (commentid INTEGER PRIMARY KEY, isapproved INTEGER, contents TEXT);

INSERT INTO swstaff VALUES (1, 'admin'), (2, 'alice'), (3, 'bob');
INSERT INTO swusers VALUES (1, 'u1@example.org'), (2, 'u2@example.org'), (3, 'u3@example.org'),
  (4, 'u4@example.org'), (5, 'u5@example.org'), (6, 'u6@example.org'), (7, 'u7@example.org');
INSERT INTO swtickets VALUES (1, 'Printer on fire', 1), (2, 'Password reset', 2),
  (3, 'Invoice missing', 3), (4, 'Login fails', 4), (5, 'VPN down', 5), (6, 'New laptop', 6),
  (7, 'Mail bounces', 7), (8, 'Printer on fire', 1), (9, 'Refund', 2);
INSERT INTO swticketposts (ticketid, contents) SELECT ticketid, 'first post of ' || subject FROM swtickets;
INSERT INTO swticketposts (ticketid, contents) SELECT ticketid, 'reply to ' || subject FROM swtickets;
INSERT INTO swattachments VALUES (1, 1, 'fire.jpg', ''), (2, 3, 'invoice.pdf', ''),
  (3, 5, 'vpn.log', ''), (4, 7, 'bounce.eml', '');
INSERT INTO swattachmentchunks (attachmentid, contents) VALUES (1, 'JPEG-1a'), (1, 'JPEG-1b'),
  (2, 'PDF-2a'), (3, 'LOG-3a'), (3, 'LOG-3b'), (4, 'EML-4a');
INSERT INTO swkbarticles VALUES (1, 'How to reset a password', 0), (2, 'Internal escalation', 1),
  (3, 'VPN setup', 0);
INSERT INTO swdownloaditems VALUES (1, 'Manual', 'download_1.pdf'), (2, 'Brochure', 'download_2.pdf');
INSERT INTO swcomments VALUES (1, 1, 'Helpful'), (2, 1, 'Thanks'), (3, 0, 'spam spam'),
  (4, 1, 'Works');
