-- product.clicked webhooks (issue 28) read each closed minute's counted clicks of every stream.
create index ix_shop_clicks_clicked_at on shop_clicks (clicked_at);
