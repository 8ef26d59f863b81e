-- The seller's display name as it was when the stream was created (the optional "name" claim of
-- their token), so that pages can show it to anyone; null when the token had none.
alter table live_streams add column seller_name varchar(100);
