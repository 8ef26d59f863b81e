package io.livepulse.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.livepulse.sales.AuctionChanged;
import io.livepulse.sales.AuctionView;

/**
 * An auction's standing on the event stream. The sales module tells each new standing at most every 100 ms; to a
 * stream with more than {@link #LARGE_AUDIENCE} subscribers on this node the standing goes at most every
 * {@link #LARGE_AUDIENCE_EVERY} instead: the first standing that arrives when that much has passed, so it is the
 * freshest (each event carries the whole standing, so it tells every bid before it): ten events a second to 10,000 connections are more writes than a node of 2 cores keeps up
 * with, five are not (BENCHMARKS.md, row 4f). A standing that is no longer running (decided, stopped) goes at once.
 */
@Component
class AuctionPush {

	static final int LARGE_AUDIENCE = 5_000;
	static final Duration LARGE_AUDIENCE_EVERY = Duration.ofMillis(200);
	/** {@link #LARGE_AUDIENCE_EVERY} and one more of the sales module's 100-ms ticks. */
	static final Duration QUIET_AFTER = Duration.ofMillis(300);

	private final EngagementEvents events;
	private final List<PushAudience> audiences;
	private final Map<Long, AuctionView> pending = new ConcurrentHashMap<>();
	private final Map<Long, Long> lastSentNanos = new ConcurrentHashMap<>();
	private final LongSupplier nanoTime;

	@Autowired
	AuctionPush(EngagementEvents events, List<PushAudience> audiences) {
		this(events, audiences, System::nanoTime);
	}

	/** With the monotonic time it paces by, in nanoseconds (a test's own, so a slow machine cannot change what goes). */
	AuctionPush(EngagementEvents events, List<PushAudience> audiences, LongSupplier nanoTime) {
		this.events = events;
		this.audiences = audiences;
		this.nanoTime = nanoTime;
	}

	/** Synchronized with {@link #sendDue}, so a held standing never goes out after the one that replaced it. */
	@EventListener
	synchronized void on(AuctionChanged changed) {
		AuctionView auction = changed.auction();
		if (!"RUNNING".equals(auction.status()) || !large(auction.streamId())) {
			pending.remove(auction.id());
			send(auction, nanoTime.getAsLong());
			return;
		}
		long now = nanoTime.getAsLong();
		Long last = lastSentNanos.get(auction.id());
		if (last == null || now - last >= LARGE_AUDIENCE_EVERY.toNanos()) {
			pending.remove(auction.id());
			send(auction, now);
		}
		else {
			pending.put(auction.id(), auction);
		}
	}

	/**
	 * Every 25 ms: a held standing that no newer one came to replace (the sales module tells one every 100 ms while
	 * bids come) goes once {@link #QUIET_AFTER} has passed since the auction's last event was sent, so the last bid
	 * of a war is told too.
	 */
	@Scheduled(fixedDelay = 25)
	synchronized void sendDue() {
		long now = nanoTime.getAsLong();
		for (Long auctionId : List.copyOf(pending.keySet())) {
			Long last = lastSentNanos.get(auctionId);
			if (last != null && now - last < QUIET_AFTER.toNanos()) {
				continue;
			}
			AuctionView due = pending.remove(auctionId);
			if (due != null) {
				send(due, now);
			}
		}
		lastSentNanos.values().removeIf(sent -> now - sent > 10 * LARGE_AUDIENCE_EVERY.toNanos());
	}

	private boolean large(long streamId) {
		int subscribers = 0;
		for (PushAudience audience : audiences) {
			subscribers += audience.size(streamId);
		}
		return subscribers > LARGE_AUDIENCE;
	}

	private void send(AuctionView auction, long now) {
		lastSentNanos.put(auction.id(), now);
		byte[] event = events.auction(auction);
		audiences.forEach(audience -> audience.publish(auction.streamId(), event));
	}
}
