package io.livepulse.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.livepulse.shared.TokenBuckets;

/**
 * Sends what the outbox holds, out of every request's path: at once on the node that wrote it (after its commit),
 * and every {@code dispatch-interval} on each node (retries, and what another node wrote), each takes the
 * deliveries due (each leased to one node by a conditional update) and sends them on virtual threads, at most 4 at
 * once and at most {@code max-sends-per-second} per endpoint. Only a 2xx succeeds. A failed attempt waits for the next delay of {@code retry-delays} (with
 * up to 10% jitter), or for the endpoint's {@code Retry-After} on 429 and 503; after the last the delivery is
 * FAILED. An endpoint answering 410 Gone is disabled.
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
	private static final int PER_ENDPOINT = 4;
	static final int BATCH = 200;
	private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(24);

	private final WebhookDeliveryRepository deliveries;
	private final WebhookEndpointRepository endpoints;
	private final WebhookSender sender;
	private final WebhookProperties properties;
	private final Clock clock;
	private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
	private final Map<Long, Semaphore> inFlight = new ConcurrentHashMap<>();
	/** Endpoints out of sends (their rate) until about when their next send is allowed (System.nanoTime). */
	private final Map<Long, Long> rateLimitedUntil = new ConcurrentHashMap<>();
	private final AtomicBoolean woken = new AtomicBoolean();
	private final TokenBuckets sendRate = new TokenBuckets(100_000, Duration.ofMinutes(1));

	WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookEndpointRepository endpoints, WebhookSender sender,
			WebhookProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::dispatchDue, properties.dispatchInterval());
	}

	/**
	 * Something was written to the outbox on this node (and committed): send it now rather than at the next
	 * pass. Calls coalesce; one pass runs at a time.
	 */
	void wake() {
		if (woken.compareAndSet(false, true)) {
			sending.submit(() -> {
				woken.set(false);
				synchronized (this) {
					dispatchDue();
				}
			});
		}
	}

	/** Takes the deliveries due and starts sending them; how many were started. */
	synchronized int dispatchDue() {
		Instant now = clock.instant();
		// an attempt never outlives its lease: the sender gives up at the timeout, and the lease holds 5 s more
		Instant leaseUntil = now.plus(properties.timeout()).plusSeconds(5);
		int started = 0;
		for (WebhookDeliveryRepository.Due due : deliveries.due(now, BATCH, PER_ENDPOINT, busyEndpoints())) {
			Semaphore slots = inFlight.computeIfAbsent(due.endpointId(), endpoint -> new Semaphore(PER_ENDPOINT));
			if (!slots.tryAcquire()) {
				// this endpoint is busy: left unleased, the next pass takes it
				continue;
			}
			if (!sendRate.tryAcquire(String.valueOf(due.endpointId()), properties.maxSendsPerSecond(),
					properties.maxSendsPerSecond(), System.nanoTime())) {
				rateLimitedUntil.put(due.endpointId(), System.nanoTime() + 1_000_000_000L / properties.maxSendsPerSecond());
				slots.release();
				continue;
			}
			String token = UUID.randomUUID().toString();
			Optional<WebhookDeliveryRepository.Leased> leased = deliveries.lease(due.id(), token, now, leaseUntil)
					? deliveries.leased(due.id(), token) : Optional.empty();
			if (leased.isEmpty()) {
				slots.release();
				continue;
			}
			started++;
			sending.submit(() -> {
				try {
					attempt(leased.get());
				}
				finally {
					slots.release();
					// the endpoint's next delivery may be waiting for this slot: a backlog drains without the tick
					wake();
				}
			});
		}
		return started;
	}

	/** Endpoints with no free slot here, or out of sends for a moment: their backlog is left out of a pass. */
	private List<Long> busyEndpoints() {
		long now = System.nanoTime();
		rateLimitedUntil.values().removeIf(until -> until - now < 0);
		return Stream.concat(inFlight.entrySet().stream().filter(endpoint -> endpoint.getValue().availablePermits() == 0)
			.map(Map.Entry::getKey), rateLimitedUntil.keySet().stream()).distinct().toList();
	}

	private void attempt(WebhookDeliveryRepository.Leased delivery) {
		WebhookEndpoint endpoint = endpoints.find(delivery.endpointId()).orElse(null);
		Instant now = clock.instant();
		if (endpoint == null || !endpoint.enabled()) {
			deliveries.attempted(delivery.id(), delivery.token(), "FAILED", now, now, null, "endpoint disabled or deleted", 0);
			return;
		}
		WebhookSender.Outcome outcome = sender.send(endpoint, delivery.id(), delivery.payload());
		Instant after = clock.instant();
		if (outcome.succeeded()) {
			deliveries.attempted(delivery.id(), delivery.token(), "SUCCEEDED", after, after, outcome.status(), null,
					outcome.durationMs());
			return;
		}
		if (outcome.status() != null && outcome.status() == 410) {
			endpoints.disable(endpoint.id(), "answered 410 Gone", after);
			deliveries.attempted(delivery.id(), delivery.token(), "FAILED", after, after, 410, "410 Gone: endpoint disabled",
					outcome.durationMs());
			log.info("Webhook endpoint {} answered 410 Gone and is disabled", endpoint.id());
			return;
		}
		int attemptsAfter = delivery.attempts() + 1;
		List<Duration> delays = properties.retryDelays();
		String error = outcome.error() != null ? outcome.error() : "answered " + outcome.status();
		if (attemptsAfter >= delays.size()) {
			deliveries.attempted(delivery.id(), delivery.token(), "FAILED", after, after, outcome.status(), error,
					outcome.durationMs());
			return;
		}
		Instant next = after.plus(nextDelay(delays.get(attemptsAfter), outcome));
		deliveries.attempted(delivery.id(), delivery.token(), "PENDING", next, after, outcome.status(), error,
				outcome.durationMs());
	}

	private static Duration nextDelay(Duration scheduled, WebhookSender.Outcome outcome) {
		if (outcome.retryAfterSeconds() != null && (outcome.status() == 429 || outcome.status() == 503)) {
			Duration asked = Duration.ofSeconds(outcome.retryAfterSeconds());
			return asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
		}
		long jitter = scheduled.toMillis() / 10;
		return scheduled.plusMillis(jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
	}

	@Override
	public void destroy() {
		sending.shutdownNow();
	}
}
