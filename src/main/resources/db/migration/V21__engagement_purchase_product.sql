-- A purchase may name the product it bought (shop_products.id, checked by the service, no foreign key
-- across modules) and how many units.
alter table stream_interactions add column product_id bigint;
alter table stream_interactions add column quantity integer;
