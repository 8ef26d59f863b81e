package io.livepulse.shopping;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code shop_products} and the admin's {@code shop_allowed_domains}. */
@Repository
class ProductRepository {

	private static final String COLUMNS = """
			id, vendor_id, title, price_minor, currency, image_url, product_url, sku, archived_at, created_at, updated_at
			""";

	private final JdbcClient jdbc;

	ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long vendorId, ProductRequest request, Instant now) {
		KeyHolder keyHolder = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into shop_products (vendor_id, title, price_minor, currency, image_url, product_url, sku,
				                           created_at, updated_at)
				values (:vendorId, :title, :price, :currency, :imageUrl, :productUrl, :sku, :now, :now)
				""")
			.param("vendorId", vendorId).param("title", request.title().strip()).param("price", request.priceMinor())
			.param("currency", request.currency()).param("imageUrl", request.imageUrl())
			.param("productUrl", request.productUrl()).param("sku", request.sku()).param("now", Timestamp.from(now))
			.update(keyHolder, "id");
		return keyHolder.getKeyAs(Number.class).longValue();
	}

	/** Updates a product that is not archived; false when there is none. */
	boolean update(long id, ProductRequest request, Instant now) {
		return jdbc.sql("""
				update shop_products set title = :title, price_minor = :price, currency = :currency,
				       image_url = :imageUrl, product_url = :productUrl, sku = :sku, updated_at = :now
				 where id = :id and archived_at is null
				""")
			.param("id", id).param("title", request.title().strip()).param("price", request.priceMinor())
			.param("currency", request.currency()).param("imageUrl", request.imageUrl())
			.param("productUrl", request.productUrl()).param("sku", request.sku()).param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Archives a product; false when it was archived already. */
	boolean archive(long id, Instant now) {
		return jdbc.sql("update shop_products set archived_at = :now, updated_at = :now where id = :id and archived_at is null")
			.param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	Optional<Product> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from shop_products where id = :id").param("id", id)
			.query(ProductRepository::product).optional();
	}

	List<Product> ofVendor(long vendorId, boolean withArchived) {
		return jdbc.sql("select " + COLUMNS + " from shop_products where vendor_id = :vendorId"
				+ (withArchived ? "" : " and archived_at is null") + " order by id")
			.param("vendorId", vendorId).query(ProductRepository::product).list();
	}

	List<Product> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from shop_products where id in (:ids)").param("ids", ids)
			.query(ProductRepository::product).list();
	}

	List<String> allowedDomains() {
		return jdbc.sql("select domain from shop_allowed_domains order by domain").query(String.class).list();
	}

	void addDomain(String domain, String addedBy, Instant now) {
		jdbc.sql("insert into shop_allowed_domains (domain, added_by, added_at) values (:domain, :by, :now)")
			.param("domain", domain).param("by", addedBy).param("now", Timestamp.from(now)).update();
	}

	void removeDomain(String domain) {
		jdbc.sql("delete from shop_allowed_domains where domain = :domain").param("domain", domain).update();
	}

	private static Product product(ResultSet rs, int row) throws SQLException {
		return new Product(rs.getLong("id"), rs.getLong("vendor_id"), rs.getString("title"), rs.getLong("price_minor"),
				rs.getString("currency"), rs.getString("image_url"), rs.getString("product_url"), rs.getString("sku"),
				rs.getTimestamp("archived_at") != null, rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
