package io.livepulse.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Announcements to the other nodes that could not reach Redis, kept in order and sent again once it answers (at the
 * next announcement or the next database check, whichever comes first). Each only tells the other nodes where to
 * look again (a pin, an embed origin, a chat deletion), so a late one is still right, while a lost one left another
 * node's cache stale until the next change. The oldest are dropped past {@value #KEPT}.
 */
final class UnsentAnnouncements {

	static final int KEPT = 1_000;

	private final Deque<Map<String, String>> unsent = new ArrayDeque<>();

	synchronized void add(Map<String, String> message) {
		unsent.addLast(message);
		while (unsent.size() > KEPT) {
			unsent.pollFirst();
		}
	}

	/** Sends the kept ones in order; throws (keeping the rest) at the first that {@code send} fails. */
	synchronized void sendWith(Consumer<Map<String, String>> send) {
		for (Map<String, String> next = unsent.peekFirst(); next != null; next = unsent.peekFirst()) {
			send.accept(next);
			unsent.pollFirst();
		}
	}

	synchronized boolean isEmpty() {
		return unsent.isEmpty();
	}
}
