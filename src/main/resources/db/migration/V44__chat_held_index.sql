-- The admins' review queue across streams looks up held messages without a stream id: index them.
create index ix_chat_messages_held on chat_messages (held, id);
