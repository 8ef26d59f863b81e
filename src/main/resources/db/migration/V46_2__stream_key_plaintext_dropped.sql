-- Every stream has its key hashed and sealed by now (version 46.1): the plain key goes.
alter table live_streams drop constraint uq_live_streams_stream_key;
alter table live_streams drop column stream_key;
alter table live_streams alter column stream_key_hash set not null;
alter table live_streams alter column stream_key_sealed set not null;
alter table live_streams add constraint uq_live_streams_stream_key_hash unique (stream_key_hash);
