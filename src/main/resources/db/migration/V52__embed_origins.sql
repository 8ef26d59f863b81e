-- The shop origins allowed to frame the embeddable player (the embed module, issue 28): its frame-ancestors.
create table embed_origins (
    origin     varchar(300) not null primary key,
    added_by   varchar(64)  not null,
    added_at   timestamp with time zone not null
);
