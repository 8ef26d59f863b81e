-- A rehearsal's purchases are practice (issue 21): logged with is_simulated = true and totalled here,
-- apart from the real revenue and orders of stream_counters, moved in the same transaction under the
-- stream's row lock.
create table stream_practice_sales (
    stream_id     bigint  primary key references live_streams (id),
    revenue_minor bigint  not null default 0,
    orders        integer not null default 0
);

-- purchases logged on rehearsals before were taken as real ones
update stream_interactions set is_simulated = true
 where interaction_type = 'PURCHASE'
   and stream_id in (select id from live_streams where mode = 'REHEARSAL');

insert into stream_practice_sales (stream_id, revenue_minor, orders)
select stream_id, sum(amount_minor), count(*)
  from stream_interactions
 where interaction_type = 'PURCHASE' and is_simulated
 group by stream_id;

-- and taken back out of the real figures they had been counted in: a rehearsal's real revenue and orders
-- are 0, live (the counters) and frozen (its final metrics and saved replay)
update stream_counters set revenue_minor = 0, orders = 0, currency = null
 where stream_id in (select id from live_streams where mode = 'REHEARSAL');

update live_streams set revenue_minor = 0, orders = 0, currency = null
 where mode = 'REHEARSAL' and revenue_minor is not null;

update saved_streams set revenue_minor = 0, orders = 0, currency = null
 where stream_id in (select id from live_streams where mode = 'REHEARSAL');
