-- One row every settings update locks first: two admins saving at once on two nodes take turns, even for keys
-- never stored before (which no row lock of global_stream_settings could hold apart), so each save reads what
-- the other committed and the stored set is always one that was validated whole.
create table settings_update_guard (
    id integer not null primary key
);

insert into settings_update_guard (id) values (1);
