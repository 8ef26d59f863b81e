package io.livepulse.push;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

import io.livepulse.shopping.ShowcaseService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * The event port's look-ups through {@link StreamService}, on virtual threads and a few at a time,
 * so a flood of subscribers cannot drain the connection pool. A rehearsal is its owner's and admins',
 * and the event port knows no one: it is found as unknown.
 */
final class StreamServiceLookups implements EventStreamLookups {

	private static final int AT_ONCE = 8;

	private final StreamService streams;
	private final StatsService stats;
	private final EngagementEvents events;
	private final EndedStreams endedStreams;
	private final ShowcaseService showcases;
	/** Replaced at each start: a stopped context (the test framework pauses idle ones) may start again. */
	private volatile ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
	private final Semaphore permits = new Semaphore(AT_ONCE);

	StreamServiceLookups(StreamService streams, StatsService stats, EngagementEvents events, EndedStreams endedStreams,
			ShowcaseService showcases) {
		this.streams = streams;
		this.showcases = showcases;
		this.stats = stats;
		this.events = events;
		this.endedStreams = endedStreams;
	}

	/** A look-up while stopped fails (the subscriber is answered 503), rather than throwing on the event loop. */
	@Override
	public CompletableFuture<Found> find(long streamId) {
		try {
			return lookUp(streamId);
		}
		catch (RejectedExecutionException stopped) {
			return CompletableFuture.failedFuture(stopped);
		}
	}

	private CompletableFuture<Found> lookUp(long streamId) {
		return CompletableFuture.supplyAsync(() -> {
			permits.acquireUninterruptibly();
			try {
				Optional<Stream> stream = streams.find(streamId).filter(Stream::isPublic);
				if (stream.isEmpty()) {
					return Found.UNKNOWN;
				}
				return stream.get().status() == StreamStatus.ENDED ? Found.ended(events.ended(stats.engagement(stream.get())))
						: Found.live(showcases.pinned(streamId).map(card -> events.product(streamId, card)).orElse(null));
			}
			finally {
				permits.release();
			}
		}, lookups);
	}

	@Override
	public byte[] endedLately(long streamId) {
		return endedStreams.lastEvent(streamId);
	}

	void start() {
		if (lookups.isShutdown()) {
			lookups = Executors.newVirtualThreadPerTaskExecutor();
		}
	}

	void shutdown() {
		lookups.shutdown();
	}
}
