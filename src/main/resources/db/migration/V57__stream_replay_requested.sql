-- Whether the end asked for a replay, stored with the end itself: an end whose freeze failed part-way is finished
-- later by the sweep (StreamEnds), which then saves the replay that was asked for instead of losing it.
alter table live_streams add column replay_requested boolean default false not null;
