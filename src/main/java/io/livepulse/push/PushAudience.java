package io.livepulse.push;

import java.util.Set;

/**
 * One way of holding event-stream subscribers (servlet async responses, or channels of the
 * dedicated event port). The hub encodes each event once and hands the same bytes to every audience.
 */
interface PushAudience {

	/** Streams that have at least one subscriber here; safe to call from any thread. */
	Set<Long> watchedStreams();

	/** How many subscribers the stream has here, as last counted; safe to call from any thread. */
	int size(long streamId);

	/** Writes the event to every subscriber of the stream without waiting for slow sockets. */
	void publish(long streamId, byte[] event);

	/** Writes the stream's last event and closes its subscriptions. */
	void end(long streamId, byte[] endedEvent);
}
