-- Chat review: blocked terms per seller (vendor_id) and global (vendor_id 0, kept by admins); a
-- message with a blocked term is stored held (shown to no viewer) until the seller releases it;
-- viewers' reports, one per reporter and message.
create table chat_blocked_terms (
    vendor_id bigint       not null,
    term      varchar(100) not null,
    primary key (vendor_id, term)
);

alter table chat_messages add column held boolean default false not null;

create table chat_reports (
    message_id  bigint      not null references chat_messages (id),
    reporter_id varchar(64) not null,
    reported_at timestamp with time zone not null,
    primary key (message_id, reporter_id)
);
