-- A rehearsal's purchases are practice (issue 21): logged with is_simulated = true and totalled here,
-- apart from the real revenue and orders of stream_counters, moved in the same transaction under the
-- stream's row lock. A table of its own because this version runs before stream_counters exists (V30).
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
