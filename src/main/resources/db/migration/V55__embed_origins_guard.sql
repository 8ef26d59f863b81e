-- One row that a replacement of the embed origins locks first, so two saves at once (a double click, two
-- admins, two nodes) take turns and the list ends as one of them asked, never both merged or a 500.
create table embed_origins_guard (
    id integer not null primary key
);

insert into embed_origins_guard (id) values (1);
