package io.livepulse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.support.LivePulsePostgresTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint deleted between the outbox listing it and writing its row: the write leaves it out and the change it
 * rides with (a purchase, a sale's end) commits as if the endpoint had never been there. On PostgreSQL, where a
 * failed statement aborts its transaction, caught or not.
 */
@LivePulsePostgresTest
class OutboxEndpointGoneTests {

	@Autowired
	WebhookDeliveryRepository deliveries;

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	JsonMapper json;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDeliveryForAnEndpointDeletedSinceItWasListedIsLeftOutAndTheCallersTransactionCommits() {
		long gone = 987_654_321L;
		WebhookEndpointRepository endpoints = mock(WebhookEndpointRepository.class);
		given(endpoints.listeningTo(7L)).willReturn(List.of(new WebhookEndpoint(gone, "seller", 7L, "https://shop.example.com/h",
				EnumSet.of(WebhookEventType.ORDER_ATTRIBUTED), "whsec_x", null, null, true, null, Instant.now())));
		WebhookOutbox outbox = new WebhookOutbox(endpoints, deliveries, json, Clock.systemUTC(), dispatcher, transactionManager);

		Long sellers = new TransactionTemplate(transactionManager).execute(status -> {
			outbox.write(WebhookEventType.ORDER_ATTRIBUTED, 7L, "order.attributed:gone-1", WebhookOutbox.data("orderId", "gone-1"));
			// the change the event rides with goes on in the same transaction
			return jdbc.sql("select count(*) from live_streams").query(Long.class).single();
		});

		assertThat(sellers).isNotNull();
		assertThat(jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :id").param("id", gone)
			.query(Long.class).single()).isZero();
	}
}
