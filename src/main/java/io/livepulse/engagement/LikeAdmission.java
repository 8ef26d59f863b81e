package io.livepulse.engagement;

import java.time.Clock;
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
import org.springframework.stereotype.Component;

import io.livepulse.cluster.SharedRateLimits;
import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.DiskSync;
import io.livepulse.shared.GroupCommits;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Real likes: checked and rate-limited on the request thread, then group-committed by the
 * {@link LikeGroupCommitter} it owns, and acknowledged only once stored and counted.
 */
@Component
class LikeAdmission implements SmartLifecycle {

	/** Below the web server's phases: started before it takes requests, stopped after it drained them. */
	static final int PHASE = GroupCommits.PHASE;

	private static final Logger log = LoggerFactory.getLogger(LikeAdmission.class);

	private final StreamService streams;
	private final DiskSync disk;
	private final CounterStore counters;
	private final EngagementProperties properties;
	private final Clock clock;
	/** Per user and stream, shared by every node in cluster mode. */
	private final SharedRateLimits likeLimits;
	private final LikeBatchWriter batchWriter;
	private final LikeGroupCommitter committer;
	private final Counter likesAccepted;
	private final Counter likesRateLimited;
	private final DistributionSummary likeBatchRows;

	LikeAdmission(StreamService streams, DiskSync disk, CounterStore counters,
			EngagementProperties properties, Clock clock, MeterRegistry meters, SharedRateLimits likeLimits,
			LikeBatchWriter batchWriter) {
		this.likeLimits = likeLimits;
		this.batchWriter = batchWriter;
		this.streams = streams;
		this.disk = disk;
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

	/** A real like from a signed-in viewer, seller or admin: rate-limited, durable before it is acknowledged. */
	LikeResult like(long streamId, Caller caller) {
		Stream stream = streams.getVisible(streamId, Optional.of(caller));
		if (!caller.mayLikeAndChat()) {
			throw ApiProblem.forbidden("Likes are for viewers, sellers and admins; this token has none of those roles.");
		}
		if (!stream.isLive()) {
			throw ApiProblem.conflict("Stream %d is %s; likes are taken while it is live.".formatted(streamId,
					stream.status()));
		}
		int limit = stream.settings().likeRateLimitPerSecond();
		if (!likeLimits.tryAcquire("like:" + streamId + "|" + caller.userId(), limit, limit)) {
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
			throw problemOf(ex.getCause(), streamId);
		}
	}

	/**
	 * What a like that was not acknowledged is told. A batch that failed at its commit may have been committed all
	 * the same (the connection dropped after the database committed): "not counted, retry" would then count it twice,
	 * so such a like is told it may yet be counted; a failure before the commit rolled the batch back.
	 */
	static ApiProblem problemOf(Throwable cause, long streamId) {
		return switch (cause) {
			case LikeAcknowledgement.RefusedLike refused -> ApiProblem.conflict(
					"Stream %d ended while this like was on its way; it was not counted.".formatted(streamId));
			case LikeAcknowledgement.NotStoredInTime late -> notCounted();
			case LikeAcknowledgement.StillStoring late -> stillStoring();
			case LikeAcknowledgement.FailedLike failed -> ApiProblem.unprocessable(
					"This like could not be stored and was not counted.");
			case LikeAcknowledgement.CommitOutcomeUnknown atCommit -> stillStoring();
			default -> ApiProblem.serviceUnavailable("The like could not be stored; it was not counted. Please retry.");
		};
	}

	private static ApiProblem notCounted() {
		return ApiProblem.serviceUnavailable("The like could not be stored in time; it was not counted. Please retry.");
	}

	private static ApiProblem stillStoring() {
		return ApiProblem.serviceUnavailable(
				"The like is still being stored and may yet be counted; check the count before liking again.");
	}

	/**
	 * Runs on the writer thread: the {@link LikeBatchWriter} refuses rows whose stream stopped being live
	 * (under the stream's row lock, whichever node ended it), writes the rest in one transaction with the
	 * stream's counter row, and this node counts them, all while counting so reconciliation never sees
	 * rows that are not counted yet.
	 */
	private long[] commitLikes(List<InteractionLog.LikeRow> rows) {
		return counters.whileCounting(() -> {
			long[] totals = batchWriter.write(rows);
			int written = 0;
			for (int i = 0; i < rows.size(); i++) {
				if (totals[i] >= 0) {
					written++;
					totals[i] = counters.of(rows.get(i).streamId()).countLike(rows.get(i).atMillis(), totals[i]);
				}
			}
			if (written > 0) {
				disk.forceToDisk();
			}
			likeBatchRows.record(written);
			return totals;
		});
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
