-- An order id is the shop's: one order adds to one stream's revenue, not to every stream it is reported to.
-- Real and practice (rehearsal) orders are apart, so a rehearsal's test order never blocks a real one.
create table purchase_orders (
    order_id     varchar(100) not null,
    is_simulated boolean      not null,
    stream_id    bigint       not null references live_streams (id),
    primary key (order_id, is_simulated)
);

insert into purchase_orders (order_id, is_simulated, stream_id)
select ref, is_simulated, min(stream_id)
  from stream_interactions
 where interaction_type = 'PURCHASE'
 group by ref, is_simulated;
