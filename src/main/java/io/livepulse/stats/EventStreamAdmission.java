package io.livepulse.stats;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import io.livepulse.stream.StreamStatus;

/**
 * What a parsed request on the event port gets: a problem, the CORS preflight, or, once its stream
 * has been looked up off the selector thread, the stream's events (only its ended event if it has
 * ended). Shared by the event loops; the look-ups run on virtual threads, a few at a time.
 */
final class EventStreamAdmission {

	// logged under the server's name, as before the server was split into its parts
	private static final Logger log = LoggerFactory.getLogger(EventStreamServer.class);

	private final StreamService streams;
	private final StatsService stats;
	private final EngagementEvents events;
	private final EndedStreams endedStreams;
	private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
	/** Lookups of new subscribers' streams in flight at once, so a flood of them cannot drain the pool. */
	private final Semaphore lookupPermits = new Semaphore(8);

	EventStreamAdmission(StreamService streams, StatsService stats, EngagementEvents events, EndedStreams endedStreams) {
		this.streams = streams;
		this.stats = stats;
		this.events = events;
		this.endedStreams = endedStreams;
	}

	/** Answers the request on the loop that owns the connection; called on that loop's thread. */
	void answer(EventLoop loop, EventPortConnection connection, EventRequest request) {
		String method = request.method();
		String path = request.path();
		if (!request.isEventsPath()) {
			connection.respond(HttpStatus.NOT_FOUND, path,
					"This port serves only event streams, at /api/streams/{id}/events.");
			return;
		}
		if (method.equals("OPTIONS")) {
			connection.offer(EventPortResponses.preflight(), true);
			return;
		}
		if (!method.equals("GET")) {
			connection.respond(HttpStatus.METHOD_NOT_ALLOWED, path, "Event streams are read with GET.");
			return;
		}
		long streamId = request.streamId();
		if (streamId < 0) {
			connection.respond(HttpStatus.BAD_REQUEST, path,
					"The value given for 'id' is not a stream id: stream ids are 1 to 18 digits.");
			return;
		}
		// the lookup may reach the database, so it runs off the selector thread, a few at a time
		lookups.execute(() -> {
			try {
				lookupPermits.acquire();
			}
			catch (InterruptedException stopping) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				// a rehearsal is its owner's and admins', and this port knows no one: it is answered as unknown
				Optional<Stream> stream = streams.find(streamId).filter(Stream::isPublic);
				byte[] endedEvent = stream.filter(found -> found.status() == StreamStatus.ENDED)
					.map(found -> events.ended(stats.engagement(found)))
					.orElse(null);
				loop.submit(() -> admit(loop, connection, path, stream.isPresent(), streamId, endedEvent));
			}
			catch (RuntimeException failed) {
				log.warn("Looking up stream {} for an event stream failed", streamId, failed);
				loop.submit(() -> connection.respond(HttpStatus.SERVICE_UNAVAILABLE, path,
						"The stream could not be looked up just now; try again shortly."));
			}
			finally {
				lookupPermits.release();
			}
		});
	}

	/** Back on the loop's thread once the stream is looked up: the event stream, or the ended event at once. */
	private void admit(EventLoop loop, EventPortConnection connection, String path, boolean exists, long streamId,
			byte[] endedEvent) {
		if (!connection.channel.isOpen()) {
			return;
		}
		if (!exists) {
			connection.respond(HttpStatus.NOT_FOUND, path, "Stream %d does not exist.".formatted(streamId));
			return;
		}
		byte[] lastEvent = endedEvent != null ? endedEvent : endedStreams.lastEvent(streamId);
		ByteBuffer ended = lastEvent == null ? null : EventPortResponses.direct(lastEvent);
		connection.offer(EventPortResponses.EVENT_STREAM_HEAD, false);
		if (!connection.channel.isOpen()) {
			return; // the client left before its answer could be written
		}
		if (ended != null) {
			connection.offer(ended, true);
			return;
		}
		loop.subscribe(connection, streamId);
	}

	void shutdown() {
		lookups.shutdown();
	}
}
