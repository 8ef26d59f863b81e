-- Several nodes (ADR 0015). The running totals of each stream, moved in the same transaction as the
-- rows they count, so a total read from here is exact whichever node wrote the likes; filled from the
-- log for the streams that have rows already.
create table stream_counters (
    stream_id       bigint      primary key references live_streams (id),
    likes           bigint      not null default 0,
    simulated_likes bigint      not null default 0,
    revenue_minor   bigint      not null default 0,
    orders          integer     not null default 0,
    currency        varchar(3)
);

insert into stream_counters (stream_id, likes, simulated_likes, revenue_minor, orders, currency)
select stream_id,
       sum(case when interaction_type = 'LIKE' and not is_simulated then 1 else 0 end),
       sum(case when interaction_type = 'LIKE' and is_simulated then 1 else 0 end),
       coalesce(sum(case when interaction_type = 'PURCHASE' then amount_minor end), 0),
       sum(case when interaction_type = 'PURCHASE' then 1 else 0 end),
       max(currency)
  from stream_interactions
 group by stream_id;

-- The lease of the jobs that must run on one node at a time (cluster mode).
create table cluster_leases (
    name       varchar(64)  primary key,
    holder     varchar(128) not null,
    expires_at timestamp with time zone not null
);
