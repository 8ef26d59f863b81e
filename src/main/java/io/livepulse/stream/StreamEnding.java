package io.livepulse.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of ending a stream, once it is marked ENDED (which stops likes and heartbeats):
 * its final metrics are stored and {@link StreamEnded} is published in one transaction. Other
 * modules listen with {@code @ApplicationModuleListener}: the event is recorded in Spring Modulith's
 * publication registry in that same transaction and delivered after commit, so a listener that fails
 * is retried and never undoes or half-does the end. A stream left ENDED without final metrics (the
 * process stopped in between, or the freeze failed) is finished by {@link InterruptedEnds}.
 */
@Component
class StreamEnding {

	private static final Logger log = LoggerFactory.getLogger(StreamEnding.class);

	private final JdbcStreamRepository repository;
	private final ObjectProvider<FinalMetricsSource> finalMetrics;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final StreamCache cache;

	StreamEnding(JdbcStreamRepository repository, ObjectProvider<FinalMetricsSource> finalMetrics,
			ApplicationEventPublisher events, TransactionTemplate transactions, StreamCache cache) {
		this.cache = cache;
		this.repository = repository;
		this.finalMetrics = finalMetrics;
		this.events = events;
		this.transactions = transactions;
	}

	/** Freezes the final metrics of a stream marked ENDED and announces the end; nothing if it has them already. */
	/** Freezes and stores the final metrics and announces the end; false when another request or node did first. */
	boolean finish(Stream ended) {
		long duration = ended.durationSecondsAt(ended.endedAt());
		boolean stored = Boolean.TRUE.equals(transactions.execute(status -> {
			// read inside the transaction that stores them: the stream is ENDED already, so with several nodes
			// every like committed anywhere (under the stream's row lock) is in the counters read here
			FinalMetrics metrics = finalMetrics.getIfAvailable(() -> (stream, seconds) -> FinalMetrics.none(seconds))
				.finalMetricsOf(ended, duration);
			if (!repository.storeFinalMetrics(ended.id(), metrics)) {
				return false;
			}
			events.publishEvent(new StreamEnded(ended.id(), ended.vendorId(), ended.mode(), ended.endedAt(), metrics));
			return true;
		}));
		if (stored) {
			log.info("Stream {} ended after {} s", ended.id(), duration);
		}
		return stored;
	}

	/**
	 * {@link #finish} and the stream read again: quietly when this freeze announced the end, else announcing it as
	 * seen ({@link StreamCache#reload}) when another request or node froze it.
	 */
	Stream finishAndRead(Stream ended) {
		return finish(ended) ? cache.reloadAfterOwnEnd(ended.id()) : cache.reload(ended.id());
	}
}
