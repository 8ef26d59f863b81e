package io.livepulse.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import io.livepulse.security.Caller;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.Text;
import io.livepulse.shared.TokenBuckets;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;

/**
 * Likes and purchases. Counters live in memory, are rebuilt from the interaction log at start-up
 * and only move after the rows they count are committed, so reads never query the log.
 */
@Service
public class InteractionService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InteractionService.class);
	/** The width of {@code stream_interactions.user_id}. */
	private static final int MAX_USER_ID = 64;

	private final StreamService streams;
	private final InteractionLog interactionLog;
	private final EngagementProperties properties;
	private final Clock clock;
	private final Map<Long, StreamCounters> counters = new ConcurrentHashMap<>();
	/** Per user and stream; a bucket idle for a minute is full again anyway and is forgotten. */
	private final TokenBuckets likeLimits = new TokenBuckets(1_000_000, Duration.ofMinutes(1));
	private final LikeGroupCommitter likes;
	/** Writers hold it shared while they commit and count; reconciliation holds it alone for a consistent view. */
	private final ReentrantReadWriteLock countingLock = new ReentrantReadWriteLock();
	private volatile boolean running;

	private final Counter likesAccepted;
	private final Counter likesRateLimited;
	private final DistributionSummary likeBatchRows;

	InteractionService(StreamService streams, InteractionLog interactionLog, EngagementProperties properties,
			Clock clock, MeterRegistry meters) {
		this.likesAccepted = Counter.builder("livepulse.likes").tag("outcome", "accepted").register(meters);
		this.likesRateLimited = Counter.builder("livepulse.likes").tag("outcome", "rate_limited").register(meters);
		this.likeBatchRows = DistributionSummary.builder("livepulse.likes.batch.rows")
			.description("likes written per group commit").register(meters);
		this.streams = streams;
		this.interactionLog = interactionLog;
		this.properties = properties;
		this.clock = clock;
		this.likes = new LikeGroupCommitter(this::commitLikes, properties.groupCommitMaxBatch(),
				properties.groupCommitWindow().toNanos(), properties.ackTimeout().toNanos());
	}

	/** A real like from a signed-in viewer: rate-limited, durable before it is acknowledged. */
	public LikeResult like(long streamId, Caller caller) {
		if (caller.userId() == null || caller.userId().length() > MAX_USER_ID) {
			throw ApiProblem.badRequest("The token's subject must be a user id of at most %d characters."
				.formatted(MAX_USER_ID));
		}
		if (!Text.isSingleLine(caller.userId())) {
			throw ApiProblem.badRequest("The token's subject must not contain control characters.");
		}
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
		LikeGroupCommitter.Acknowledgement acknowledgement = likes
			.submit(new InteractionLog.LikeRow(streamId, caller.userId(), false, clock.millis()));
		long total = awaitCommit(acknowledgement, streamId);
		likesAccepted.increment();
		return new LikeResult(true, total);
	}

	/**
	 * The like's total once committed. The wait has no timer of its own: the committer answers a
	 * like whose time is up, and "not counted" is only ever said of a like that will not be written.
	 */
	private long awaitCommit(LikeGroupCommitter.Acknowledgement acknowledgement, long streamId) {
		try {
			return acknowledgement.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (acknowledgement.abandon()) {
				throw notCounted(ex);
			}
			throw stillStoring(ex);
		}
		catch (ExecutionException ex) {
			throw switch (ex.getCause()) {
				case LikeGroupCommitter.RefusedLike refused -> ApiProblem.conflict(
						"Stream %d ended while this like was on its way; it was not counted.".formatted(streamId));
				case LikeGroupCommitter.NotStoredInTime late -> notCounted(late);
				case LikeGroupCommitter.StillStoring late -> stillStoring(late);
				case LikeGroupCommitter.FailedLike failed -> new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
						"This like could not be stored and was not counted.", failed);
				default -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"The like could not be stored; it was not counted. Please retry.", ex);
			};
		}
	}

	private static ResponseStatusException notCounted(Throwable cause) {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"The like could not be stored in time; it was not counted. Please retry.", cause);
	}

	private static ResponseStatusException stillStoring(Throwable cause) {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"The like is still being stored and may yet be counted; check the count before liking again.", cause);
	}

	/** A purchase from the shop backend; the same order id is counted once. */
	public PurchaseResult purchase(long streamId, Purchase purchase) {
		streams.get(streamId);
		StreamCounters streamCounters = countersOf(streamId);
		countingLock.readLock().lock();
		try {
			synchronized (streamCounters) {
				Stream stream = streams.get(streamId);
				if (!stream.isLive()) {
					throw ApiProblem.conflict("Stream %d is %s; purchases are attributed to live streams only."
						.formatted(streamId, stream.status()));
				}
				String currency = streamCounters.currency;
				if (currency != null && !currency.equals(purchase.currency())) {
					throw ApiProblem.unprocessable("Stream %d sells in %s; a purchase in %s cannot be added to its revenue."
						.formatted(streamId, currency, purchase.currency()));
				}
				try {
					interactionLog.appendPurchase(streamId, purchase, clock.millis());
					interactionLog.forceToDisk();
				}
				catch (DuplicateKeyException duplicate) {
					InteractionLog.StoredPurchase stored = interactionLog.storedPurchase(streamId, purchase.orderId());
					if (stored.amountMinor() != purchase.amountMinor() || !stored.currency().equals(purchase.currency())) {
						throw ApiProblem.conflict("Order %s was already recorded with a different amount or currency."
							.formatted(purchase.orderId()));
					}
					return result(purchase.orderId(), false, streamCounters);
				}
				streamCounters.currency = purchase.currency();
				streamCounters.revenueMinor.addAndGet(purchase.amountMinor());
				streamCounters.orders.incrementAndGet();
				return result(purchase.orderId(), true, streamCounters);
			}
		}
		finally {
			countingLock.readLock().unlock();
		}
	}

	/** Stores simulated likes of a rehearsal; refused for any stream that is not a rehearsal. */
	public void recordSimulatedLikes(long streamId, int count) {
		Stream stream = streams.get(streamId);
		if (!stream.isRehearsal()) {
			throw new IllegalStateException("Simulated likes are refused for stream " + streamId
					+ ": it is not a rehearsal.");
		}
		if (count <= 0 || !stream.isLive()) {
			return;
		}
		long now = clock.millis();
		List<InteractionLog.LikeRow> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add(new InteractionLog.LikeRow(streamId, "simulated", true, now));
		}
		countingLock.readLock().lock();
		try {
			interactionLog.appendLikes(rows);
			countersOf(streamId).simulatedLikes.addAndGet(count);
		}
		finally {
			countingLock.readLock().unlock();
		}
	}

	/**
	 * The counts to freeze when a stream ends: waits for queued likes, and reads under the lock
	 * purchases hold, so nothing accepted before this call is missing and nothing after it is taken.
	 */
	public EngagementCounts finalCounts(long streamId) {
		flush();
		StreamCounters streamCounters = countersOf(streamId);
		synchronized (streamCounters) {
			return streamCounters.snapshot(clock.millis());
		}
	}

	public EngagementCounts counts(long streamId) {
		StreamCounters streamCounters = counters.get(streamId);
		return streamCounters == null ? EngagementCounts.NONE : streamCounters.snapshot(clock.millis());
	}

	/** Waits until every like accepted so far is committed and counted. */
	public void flush() {
		try {
			likes.barrier().get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Like queue did not drain in time", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Real viewers who liked at least once, and the real likes they gave. */
	public EngagedViewers engagedViewers(long streamId) {
		long[] row = interactionLog.engagedViewers(streamId);
		return new EngagedViewers(row[0], row[1]);
	}

	public record EngagedViewers(long viewers, long likes) {
	}

	/** Compares every counter with the interaction log; differences are reported, never silently fixed. */
	public ReconciliationReport reconcile() {
		flush();
		countingLock.writeLock().lock();
		try {
			Map<Long, long[]> logged = new HashMap<>();
			for (InteractionLog.Tally tally : interactionLog.tallies()) {
				long[] figures = logged.computeIfAbsent(tally.streamId(), id -> new long[4]);
				switch (tally.type()) {
					case "LIKE" -> figures[tally.simulated() ? 1 : 0] += tally.rows();
					case "PURCHASE" -> {
						figures[2] += tally.amountMinor();
						figures[3] += tally.rows();
					}
					default -> log.warn("Unknown interaction type {} in the log", tally.type());
				}
			}
			Set<Long> streamIds = new HashSet<>(logged.keySet());
			streamIds.addAll(counters.keySet());
			List<ReconciliationReport.Difference> differences = new ArrayList<>();
			for (long streamId : streamIds) {
				long[] inLog = logged.getOrDefault(streamId, new long[4]);
				EngagementCounts inMemory = counts(streamId);
				compare(differences, streamId, "likes", inMemory.likes(), inLog[0]);
				compare(differences, streamId, "simulatedLikes", inMemory.simulatedLikes(), inLog[1]);
				compare(differences, streamId, "revenueMinor", inMemory.revenueMinor(), inLog[2]);
				compare(differences, streamId, "orders", inMemory.orders(), inLog[3]);
			}
			return new ReconciliationReport(clock.instant(), streamIds.size(), differences.isEmpty(),
					List.copyOf(differences));
		}
		finally {
			countingLock.writeLock().unlock();
		}
	}

	@Scheduled(fixedDelayString = "${livepulse.engagement.reconcile-interval:5m}",
			initialDelayString = "${livepulse.engagement.reconcile-interval:5m}")
	void reconcileRegularly() {
		ReconciliationReport report = reconcile();
		if (!report.consistent()) {
			log.warn("Counters differ from the interaction log: {}", report.differences());
		}
	}

	/**
	 * Runs on the writer thread: refuses rows whose stream stopped being live while they were
	 * queued, writes the rest in one transaction and counts them, all under the shared counting
	 * lock so reconciliation never sees rows that are not counted yet.
	 */
	private long[] commitLikes(List<InteractionLog.LikeRow> rows) {
		long[] totals = new long[rows.size()];
		List<InteractionLog.LikeRow> admitted = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			boolean live = streams.find(rows.get(i).streamId()).map(Stream::isLive).orElse(false);
			totals[i] = live ? 0 : LikeGroupCommitter.REFUSED;
			if (live) {
				admitted.add(rows.get(i));
			}
		}
		countingLock.readLock().lock();
		try {
			appendIsolatingBadRows(rows, admitted, totals);
			if (!admitted.isEmpty()) {
				interactionLog.forceToDisk();
			}
			for (int i = 0; i < rows.size(); i++) {
				if (totals[i] >= 0) {
					totals[i] = countersOf(rows.get(i).streamId()).addLike(rows.get(i).atMillis());
				}
			}
		}
		finally {
			countingLock.readLock().unlock();
		}
		likeBatchRows.record(admitted.size());
		return totals;
	}

	/**
	 * One transaction for the batch; if the database refuses it, each row is written on its own so
	 * that one bad row fails alone instead of taking its whole batch with it.
	 */
	private void appendIsolatingBadRows(List<InteractionLog.LikeRow> rows, List<InteractionLog.LikeRow> admitted,
			long[] totals) {
		if (admitted.isEmpty()) {
			return;
		}
		try {
			interactionLog.appendLikes(admitted);
		}
		catch (NonTransientDataAccessException batchRefused) {
			if (admitted.size() == 1) {
				throw batchRefused;
			}
			for (int i = 0; i < rows.size(); i++) {
				if (totals[i] == LikeGroupCommitter.REFUSED) {
					continue;
				}
				try {
					interactionLog.appendLikes(List.of(rows.get(i)));
				}
				catch (NonTransientDataAccessException rowRefused) {
					log.warn("The database refused a like on stream {}; the rest of its batch was written",
							rows.get(i).streamId(), rowRefused);
					totals[i] = LikeGroupCommitter.FAILED;
				}
			}
		}
	}

	private static void compare(List<ReconciliationReport.Difference> differences, long streamId, String figure,
			long inMemory, long inLog) {
		if (inMemory != inLog) {
			differences.add(new ReconciliationReport.Difference(streamId, figure, inMemory, inLog));
		}
	}

	private PurchaseResult result(String orderId, boolean recorded, StreamCounters streamCounters) {
		return new PurchaseResult(orderId, recorded, streamCounters.revenueMinor.get(), streamCounters.currency,
				streamCounters.orders.get());
	}

	private StreamCounters countersOf(long streamId) {
		return counters.computeIfAbsent(streamId, id -> new StreamCounters());
	}

	private void loadCountersFromLog() {
		for (InteractionLog.Tally tally : interactionLog.tallies()) {
			StreamCounters streamCounters = countersOf(tally.streamId());
			if ("LIKE".equals(tally.type())) {
				(tally.simulated() ? streamCounters.simulatedLikes : streamCounters.likes).addAndGet(tally.rows());
			}
			else if ("PURCHASE".equals(tally.type())) {
				streamCounters.revenueMinor.addAndGet(tally.amountMinor());
				streamCounters.orders.addAndGet((int) tally.rows());
				streamCounters.currency = tally.currency();
			}
		}
		log.info("Loaded engagement counters of {} streams from the interaction log", counters.size());
	}

	@Override
	public void start() {
		loadCountersFromLog();
		likes.start();
		running = true;
	}

	@Override
	public void stop() {
		likes.stop();
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Loads counters before the web server takes requests; see {@link LikeGroupCommitter#PHASE}. */
	@Override
	public int getPhase() {
		return LikeGroupCommitter.PHASE;
	}
}
