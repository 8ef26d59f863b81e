package io.livepulse.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.livepulse.sales.AuctionChanged;
import io.livepulse.sales.AuctionView;

/**
 * An auction's standing on the event stream. The sales module tells each new standing at most every 100 ms; to a
 * stream with more than {@link #LARGE_AUDIENCE} subscribers on this node the standing goes at most every
 * {@link #LARGE_AUDIENCE_EVERY} instead, the newest one (each event carries the whole standing, so the newest tells
 * every bid before it): ten events a second to 10,000 connections are more writes than a node of 2 cores keeps up
 * with, five are not (BENCHMARKS.md, row 4f). A standing that is no longer running (decided, stopped) goes at once.
 */
@Component
class AuctionPush {

	static final int LARGE_AUDIENCE = 5_000;
	static final Duration LARGE_AUDIENCE_EVERY = Duration.ofMillis(200);

	private final EngagementEvents events;
	private final List<PushAudience> audiences;
	private final Map<Long, AuctionView> pending = new ConcurrentHashMap<>();
	private final Map<Long, Long> lastSentNanos = new ConcurrentHashMap<>();

	AuctionPush(EngagementEvents events, List<PushAudience> audiences) {
		this.events = events;
		this.audiences = audiences;
	}

	/** Synchronized with {@link #sendDue}, so a held standing never goes out after the one that replaced it. */
	@EventListener
	synchronized void on(AuctionChanged changed) {
		AuctionView auction = changed.auction();
		if (!"RUNNING".equals(auction.status()) || !large(auction.streamId())) {
			pending.remove(auction.id());
			send(auction, System.nanoTime());
			return;
		}
		pending.put(auction.id(), auction);
		sendDue();
	}

	/** Every 25 ms: each held standing goes once its auction's last event is far enough behind. */
	@Scheduled(fixedDelay = 25)
	synchronized void sendDue() {
		long now = System.nanoTime();
		for (Long auctionId : List.copyOf(pending.keySet())) {
			Long last = lastSentNanos.get(auctionId);
			if (last != null && now - last < LARGE_AUDIENCE_EVERY.toNanos()) {
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
