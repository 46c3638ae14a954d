-- The Mattermost 1.2 schema, reduced: what the sandbox's users have stored. In SQL that SQLite
-- and MariaDB/MySQL both run (keys are VARCHAR, as Mattermost's own varchar(26) ids).
CREATE TABLE Systems (Name VARCHAR(64) PRIMARY KEY, Value VARCHAR(1024));
CREATE TABLE Teams (Id VARCHAR(26) PRIMARY KEY, Name VARCHAR(64), DisplayName VARCHAR(64));
CREATE TABLE Users (Id VARCHAR(26) PRIMARY KEY, TeamId VARCHAR(26), Username VARCHAR(64), Email VARCHAR(128));
CREATE TABLE Channels (Id VARCHAR(26) PRIMARY KEY, TeamId VARCHAR(26), Name VARCHAR(64), Type VARCHAR(1));
CREATE TABLE Posts (Id VARCHAR(26) PRIMARY KEY, ChannelId VARCHAR(26), UserId VARCHAR(26), Message TEXT, Filenames TEXT);
INSERT INTO Teams VALUES ('t1', 'sandbox-team', 'Sandbox Team'), ('t2', 'ops', 'Operations');
INSERT INTO Users VALUES ('u1', 't1', 'alice', 'alice@example.com'), ('u2', 't1', 'bob', 'bob@example.com'),
  ('u3', 't2', 'carol', 'carol@example.com'), ('u4', 't2', 'dave', 'dave@example.com'),
  ('u5', 't1', 'erin', 'erin@example.com');
INSERT INTO Channels VALUES ('c1', 't1', 'town-square', 'O'), ('c2', 't1', 'off-topic', 'O'),
  ('c3', 't2', 'town-square', 'O'), ('c4', 't2', 'incidents', 'P');
INSERT INTO Posts VALUES ('p1', 'c1', 'u1', 'welcome to the sandbox', ''),
  ('p2', 'c1', 'u2', 'hello', ''), ('p3', 'c1', 'u1', 'minutes attached', '["/teams/t1/channels/c1/users/u1/minutes.txt"]'),
  ('p4', 'c2', 'u5', 'lunch?', ''), ('p5', 'c3', 'u3', 'deploy at 5', ''), ('p6', 'c4', 'u4', 'disk full on db1', ''),
  ('p7', 'c4', 'u3', 'fixed', ''), ('p8', 'c2', 'u2', 'coffee', '');
