package io.livepulse.push;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/** How the event port learns what a new subscriber's stream is: off the event loops, since it may reach the database. */
interface EventStreamLookups {

	/**
	 * What the subscriber gets: nothing (unknown stream), the stream's events (first the pinned product's,
	 * if one is pinned, so a late subscriber need not wait for its repeat), or its ended event at once.
	 */
	record Found(boolean exists, byte @Nullable [] endedEvent, byte @Nullable [] openingEvent) {

		static final Found UNKNOWN = new Found(false, null, null);
		static final Found LIVE = new Found(true, null, null);

		static Found ended(byte[] endedEvent) {
			return new Found(true, endedEvent, null);
		}

		static Found live(byte @Nullable [] openingEvent) {
			return new Found(true, null, openingEvent);
		}
	}

	/** Looks the stream up; completes on another thread. */
	CompletableFuture<Found> find(long streamId);

	/** The ended event of a stream that ended lately, or null; asked on the event loop just before subscribing. */
	byte @Nullable [] endedLately(long streamId);
}
