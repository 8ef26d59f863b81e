-- Chat pins: at most one pinned message per stream (pinning another replaces it), who pinned it, when.
create table chat_pins (
    stream_id  bigint      not null primary key references live_streams (id),
    message_id bigint      not null references chat_messages (id),
    pinned_by  varchar(64) not null,
    pinned_at  timestamp with time zone not null
);
