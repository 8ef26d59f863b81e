-- A seller (or admin) may exclude a person from a giveaway (e.g. one banned from the chat): before they enter,
-- their entry is refused; after, their entry is kept (numbers stay as they were) but marked excluded, and the
-- draw picks among the entries not excluded, whose numbers are published with the result.
create table giveaway_exclusions (
    giveaway_id bigint      not null references giveaways (id),
    user_id     varchar(64) not null,
    excluded_by varchar(64) not null,
    excluded_at timestamp with time zone not null,
    primary key (giveaway_id, user_id)
);
