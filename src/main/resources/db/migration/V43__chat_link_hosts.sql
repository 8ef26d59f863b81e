-- Chat links: the admins' allow-list of hosts whose links are clickable in chat (a link to any other
-- host is shown as plain text). Changes are audited in settings_audit with the other settings.
create table chat_link_hosts (
    host     varchar(64)  not null primary key,
    added_by varchar(64)  not null,
    added_at timestamp with time zone not null
);
