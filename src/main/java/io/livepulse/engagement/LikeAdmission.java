package io.livepulse.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Real likes: checked and rate-limited on the request thread, then group-committed by the
 * {@link LikeGroupCommitter} it owns, and acknowledged only once stored and counted.
 */
@Component
class LikeAdmission implements SmartLifecycle {

	/** Below the web server's phases: started before it takes requests, stopped after it drained them. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger log = LoggerFactory.getLogger(LikeAdmission.class);

	private final StreamService streams;
	private final InteractionLog interactionLog;
	private final CounterStore counters;
	private final EngagementProperties properties;
	private final Clock clock;
	/** Per user and stream; a bucket idle for a minute is full again anyway and is forgotten. */
	private final TokenBuckets likeLimits = new TokenBuckets(1_000_000, Duration.ofMinutes(1));
	private final LikeGroupCommitter committer;
	private final Counter likesAccepted;
	private final Counter likesRateLimited;
	private final DistributionSummary likeBatchRows;

	LikeAdmission(StreamService streams, InteractionLog interactionLog, CounterStore counters,
			EngagementProperties properties, Clock clock, MeterRegistry meters) {
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.counters = counters;
		this.properties = properties;
		this.clock = clock;
		this.committer = new LikeGroupCommitter(this::commitLikes, properties.groupCommitMaxBatch(),
				properties.groupCommitWindow().toNanos(), properties.ackTimeout().toNanos());
		this.likesAccepted = Counter.builder("livepulse.likes").tag("outcome", "accepted").register(meters);
		this.likesRateLimited = Counter.builder("livepulse.likes").tag("outcome", "rate_limited").register(meters);
		this.likeBatchRows = DistributionSummary.builder("livepulse.likes.batch.rows")
			.description("likes written per group commit").register(meters);
	}

	/** A real like from a signed-in viewer: rate-limited, durable before it is acknowledged. */
	LikeResult like(long streamId, Caller caller) {
		Stream stream = streams.getVisible(streamId, Optional.of(caller));
		if (!stream.isLive()) {
			throw ApiProblem.conflict("Stream %d is %s; likes are taken while it is live.".formatted(streamId,
					stream.status()));
		}
		int limit = stream.settings().likeRateLimitPerSecond();
		if (!likeLimits.tryAcquire(streamId + "|" + caller.userId(), limit, limit, System.nanoTime())) {
			likesRateLimited.increment();
			throw ApiProblem.tooManyRequests("At most %d likes per second; this one was not counted. Try again in a moment."
				.formatted(limit));
		}
		LikeAcknowledgement acknowledgement = committer
			.submit(new InteractionLog.LikeRow(streamId, caller.userId(), false, clock.millis()));
		long total = awaitCommit(acknowledgement, streamId);
		likesAccepted.increment();
		return new LikeResult(true, total);
	}

	/** Waits until every like accepted so far is committed and counted. */
	void flush() {
		try {
			committer.barrier().get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Like queue did not drain in time", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The like's total once committed. The wait has no timer of its own: the committer answers a
	 * like whose time is up, and "not counted" is only ever said of a like that will not be written.
	 */
	private long awaitCommit(LikeAcknowledgement acknowledgement, long streamId) {
		try {
			return acknowledgement.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (acknowledgement.abandon()) {
				throw notCounted();
			}
			throw stillStoring();
		}
		catch (ExecutionException ex) {
			throw switch (ex.getCause()) {
				case LikeAcknowledgement.RefusedLike refused -> ApiProblem.conflict(
						"Stream %d ended while this like was on its way; it was not counted.".formatted(streamId));
				case LikeAcknowledgement.NotStoredInTime late -> notCounted();
				case LikeAcknowledgement.StillStoring late -> stillStoring();
				case LikeAcknowledgement.FailedLike failed -> ApiProblem.unprocessable(
						"This like could not be stored and was not counted.");
				default -> ApiProblem.serviceUnavailable("The like could not be stored; it was not counted. Please retry.");
			};
		}
	}

	private static ApiProblem notCounted() {
		return ApiProblem.serviceUnavailable("The like could not be stored in time; it was not counted. Please retry.");
	}

	private static ApiProblem stillStoring() {
		return ApiProblem.serviceUnavailable(
				"The like is still being stored and may yet be counted; check the count before liking again.");
	}

	/**
	 * Runs on the writer thread: refuses rows whose stream stopped being live while they were
	 * queued, writes the rest in one transaction and counts them, all while counting so
	 * reconciliation never sees rows that are not counted yet.
	 */
	private long[] commitLikes(List<InteractionLog.LikeRow> rows) {
		long[] totals = new long[rows.size()];
		List<InteractionLog.LikeRow> admitted = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			boolean live = streams.find(rows.get(i).streamId()).map(Stream::isLive).orElse(false);
			totals[i] = live ? 0 : LikeAcknowledgement.REFUSED;
			if (live) {
				admitted.add(rows.get(i));
			}
		}
		counters.whileCounting(() -> {
			appendIsolatingBadRows(rows, admitted, totals);
			if (!admitted.isEmpty()) {
				interactionLog.forceToDisk();
			}
			for (int i = 0; i < rows.size(); i++) {
				if (totals[i] >= 0) {
					totals[i] = counters.of(rows.get(i).streamId()).addLike(rows.get(i).atMillis());
				}
			}
			return totals;
		});
		likeBatchRows.record(admitted.size());
		return totals;
	}

	/**
	 * One transaction for the batch; if the database refuses it for a row's content, each row is
	 * written on its own so that one bad row fails alone, the same whether it came alone or with
	 * others. Any other failure (connection, schema) fails the batch: it is no row's fault.
	 */
	private void appendIsolatingBadRows(List<InteractionLog.LikeRow> rows, List<InteractionLog.LikeRow> admitted,
			long[] totals) {
		if (admitted.isEmpty()) {
			return;
		}
		try {
			interactionLog.appendLikes(admitted);
		}
		catch (DataIntegrityViolationException batchRefused) {
			for (int i = 0; i < rows.size(); i++) {
				if (totals[i] == LikeAcknowledgement.REFUSED) {
					continue;
				}
				try {
					interactionLog.appendLikes(List.of(rows.get(i)));
				}
				catch (DataIntegrityViolationException rowRefused) {
					log.warn("The database refused a like on stream {}; the rest of its batch was written",
							rows.get(i).streamId(), rowRefused);
					totals[i] = LikeAcknowledgement.FAILED;
				}
			}
		}
	}

	@Override
	public void start() {
		committer.start();
	}

	@Override
	public void stop() {
		committer.stop();
	}

	@Override
	public boolean isRunning() {
		return committer.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}
}
