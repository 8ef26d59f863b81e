-- Hand out interaction ids in blocks of 1000. With H2's default of 32, every 32nd like made the
-- sequence write itself in a separate commit (a file write); a block that is lost at a crash
-- leaves a gap in the ids, which nothing reads as a count.
alter table stream_interactions alter column id set cache 1000;
