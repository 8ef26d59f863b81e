-- Stream keys leave plain text (issue 21): the media hooks find a stream by the key's SHA-256 (hex), and
-- its owner reads it back sealed with AES-GCM under livepulse.stream.key-secret (stream/StreamKeyCipher).
-- Version 46.1 (stream/SealStreamKeysMigration, Java: it needs the secret) fills both for existing
-- streams; V46_2 then drops the plain column.
alter table live_streams add column stream_key_hash varchar(64);
alter table live_streams add column stream_key_sealed varchar(400);
