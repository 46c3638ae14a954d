-- Kayako 4 tables the sandbox imitates, as the version 4 installer leaves them (one admin).
-- Portable SQL (SQLite and MariaDB): the builder adds AUTO_INCREMENT to INTEGER PRIMARY KEY for
-- MariaDB.
CREATE TABLE swsettings (vkey VARCHAR(64) PRIMARY KEY, data TEXT);
CREATE TABLE swstaff (staffid INTEGER PRIMARY KEY, username VARCHAR(255) NOT NULL UNIQUE,
  importid INTEGER UNIQUE);
CREATE TABLE swusers (userid INTEGER PRIMARY KEY, email TEXT NOT NULL, importid INTEGER UNIQUE);
CREATE TABLE swtickets (ticketid INTEGER PRIMARY KEY, subject TEXT NOT NULL,
  importid INTEGER UNIQUE);
CREATE TABLE swticketposts (ticketpostid INTEGER PRIMARY KEY, ticketid INTEGER, contents TEXT,
  importid INTEGER UNIQUE);
CREATE TABLE swattachments (attachmentid INTEGER PRIMARY KEY, filename TEXT, storefilename TEXT,
  importid INTEGER UNIQUE);
CREATE TABLE swkbarticles (kbarticleid INTEGER PRIMARY KEY, subject TEXT, articlestatus TEXT,
  importkey VARCHAR(64) UNIQUE);
CREATE TABLE swcomments (commentid INTEGER PRIMARY KEY, contents TEXT, importid INTEGER UNIQUE);
-- Import progress: one row per section with the last v3 id moved; 'complete' when done.
CREATE TABLE swimportregistry (section VARCHAR(64) PRIMARY KEY, lastid INTEGER NOT NULL DEFAULT 0,
  done INTEGER NOT NULL DEFAULT 0);
INSERT INTO swstaff (username) VALUES ('admin');
