package io.livepulse.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.livepulse.support.EmbeddedPostgres;
import io.livepulse.support.TestGroups;

/**
 * Upgrading a database that took a rehearsal's purchases as real (before V45): they become practice, and
 * the real revenue and orders they had been counted in, live and frozen, go back to 0, while a LIVE
 * stream's real sales stay as they were.
 */
@Tag(TestGroups.POSTGRES)
class PracticeSalesMigrationTests {

	@Test
	void aRehearsalsOldPurchasesLeaveItsRealFiguresAndBecomePracticeWhileALiveStreamsStay() {
		String url = EmbeddedPostgres.newDatabaseUrl();
		DriverManagerDataSource database = new DriverManagerDataSource(url, "postgres", "postgres");
		flyway(url, "44").migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		long rehearsal = stream(jdbc, "REHEARSAL", "rk");
		long live = stream(jdbc, "LIVE", "lk");
		purchase(jdbc, rehearsal, "r-1", 9_900);
		purchase(jdbc, live, "l-1", 1_500);
		jdbc.sql("""
				insert into stream_counters (stream_id, likes, simulated_likes, revenue_minor, orders, currency)
				values (:rehearsal, 0, 0, 9900, 1, 'EUR'), (:live, 0, 0, 1500, 1, 'EUR')
				""").param("rehearsal", rehearsal).param("live", live).update();
		jdbc.sql("update live_streams set revenue_minor = 9900, orders = 1, currency = 'EUR' where id = :id")
			.param("id", rehearsal).update();

		flyway(url, "45").migrate();

		assertThat(counters(jdbc, rehearsal)).containsEntry("revenue_minor", 0L).containsEntry("orders", 0);
		assertThat(jdbc.sql("select revenue_minor, orders from live_streams where id = :id").param("id", rehearsal)
			.query().singleRow()).containsEntry("revenue_minor", 0L).containsEntry("orders", 0);
		assertThat(jdbc.sql("select revenue_minor, orders from stream_practice_sales where stream_id = :id")
			.param("id", rehearsal).query().singleRow()).containsEntry("revenue_minor", 9_900L).containsEntry("orders", 1);
		assertThat(jdbc.sql("select is_simulated from stream_interactions where ref = 'r-1'").query(Boolean.class).single())
			.isTrue();
		assertThat(counters(jdbc, live)).containsEntry("revenue_minor", 1_500L).containsEntry("orders", 1);
		assertThat(jdbc.sql("select count(*) from stream_practice_sales where stream_id = :id").param("id", live)
			.query(Long.class).single()).isZero();
	}

	private static Flyway flyway(String url, String target) {
		return Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration").target(target).load();
	}

	private static long stream(JdbcClient jdbc, String mode, String key) {
		jdbc.sql("""
				insert into live_streams (vendor_id, title, mode, status, stream_key, created_at, settings_snapshot)
				values (456, 'Upgraded', :mode, :status, :key, :now, '{}')
				""").param("mode", mode).param("status", "LIVE").param("key", key).param("now", java.sql.Timestamp.from(java.time.Instant.now())).update();
		return jdbc.sql("select id from live_streams where stream_key = :key").param("key", key).query(Long.class).single();
	}

	private static void purchase(JdbcClient jdbc, long stream, String order, long amount) {
		jdbc.sql("""
				insert into stream_interactions (stream_id, user_id, interaction_type, is_simulated, amount_minor, currency,
				    ref, created_at)
				values (:stream, 'shop', 'PURCHASE', false, :amount, 'EUR', :order, :now)
				""").param("stream", stream).param("amount", amount).param("order", order).param("now", java.sql.Timestamp.from(java.time.Instant.now())).update();
	}

	private static Map<String, Object> counters(JdbcClient jdbc, long stream) {
		return jdbc.sql("select revenue_minor, orders from stream_counters where stream_id = :id").param("id", stream)
			.query().singleRow();
	}
}
