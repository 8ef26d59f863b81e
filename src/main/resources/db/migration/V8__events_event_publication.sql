-- Spring Modulith's event publication registry: an event for a module listener is stored in the
-- transaction that publishes it and marked complete once the listener succeeded, so a listener that
-- fails (or a crash) leaves it here to be retried. The layout is Modulith's own (schema v2).
create table event_publication (
    id                     uuid          not null primary key,
    listener_id            varchar(512)  not null,
    event_type             varchar(512)  not null,
    serialized_event       varchar(4000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);

create index event_publication_by_listener_and_event_idx on event_publication (listener_id, serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
