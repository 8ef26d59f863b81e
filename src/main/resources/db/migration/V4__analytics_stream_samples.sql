create table stream_samples (
    stream_id          bigint  not null references live_streams (id),
    sampled_at         timestamp with time zone not null,
    real_viewers       integer not null,
    real_likes         bigint  not null,
    -- rehearsal streams only; null on LIVE-mode streams, never added to the real columns
    simulated_viewers  integer,
    simulated_likes    bigint,
    primary key (stream_id, sampled_at)
);
