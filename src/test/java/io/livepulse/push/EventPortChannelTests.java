package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The event port's connection handling without sockets or Spring: Netty's decoder and the port's
 * handler on in-memory channels, fed the requests a hostile client would send.
 */
class EventPortChannelTests {

	static final long LIVE = 7;
	static final long ENDED = 8;
	static final long PINNED = 9;
	static final String PIN_EVENT = "event:product\ndata:{\"pinned\":{\"name\":\"Lamp\"}}\n\n";

	static ConnectionLimits perAddress(int cap) {
		return new ConnectionLimits(new ConnectionLimits.Caps(100, 110, 10_000), cap, null, "X-Forwarded-For");
	}

	ConnectionLimits limits = perAddress(100);
	final EventSubscribers subscribers = new EventSubscribers();
	final List<Long> lookedUp = new ArrayList<>();
	final EventStreamLookups lookups = new EventStreamLookups() {
		@Override
		public CompletableFuture<Found> find(long streamId) {
			lookedUp.add(streamId);
			Found found = switch ((int) streamId) {
				case (int) LIVE -> Found.LIVE;
				case (int) ENDED -> Found.ended("event:ended\ndata:{}\n\n".getBytes(StandardCharsets.UTF_8));
				case (int) PINNED -> Found.live(PIN_EVENT.getBytes(StandardCharsets.UTF_8));
				default -> Found.UNKNOWN;
			};
			return CompletableFuture.completedFuture(found);
		}

		@Override
		public byte[] endedLately(long streamId) {
			return null;
		}
	};
	final List<EmbeddedChannel> channels = new ArrayList<>();

	@AfterEach
	void closeAll() {
		channels.forEach(EmbeddedChannel::finishAndReleaseAll);
	}

	EmbeddedChannel connect() {
		EmbeddedChannel channel = new EmbeddedChannel(NettyEventPort.decoder(),
				new EventPortChannelHandler(limits, lookups, subscribers, Duration.ofMinutes(30)));
		channels.add(channel);
		return channel;
	}

	static String send(EmbeddedChannel channel, String request) {
		channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
		channel.runPendingTasks();
		return written(channel);
	}

	static String written(EmbeddedChannel channel) {
		StringBuilder out = new StringBuilder();
		for (ByteBuf buffer; (buffer = channel.readOutbound()) != null;) {
			out.append(buffer.toString(StandardCharsets.UTF_8));
			buffer.release();
		}
		return out.toString();
	}

	/** How many answers were written: each starts a line with the status line. */
	static long answers(String written) {
		return java.util.regex.Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} ").matcher(written).results().count();
	}

	static String get(long streamId) {
		return "GET /api/streams/" + streamId + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	}

	@Test
	void aWellFormedRequestForALiveStreamSubscribesAndGetsItsEvents() {
		EmbeddedChannel channel = connect();
		assertThat(send(channel, get(LIVE))).startsWith("HTTP/1.1 200 OK\r\n").contains("text/event-stream");
		assertThat(subscribers.size(LIVE)).isEqualTo(1);

		subscribers.publish(LIVE, "event:engagement\ndata:{\"likes\":3}\n\n".getBytes(StandardCharsets.UTF_8));
		channel.runPendingTasks();
		assertThat(written(channel)).isEqualTo("event:engagement\ndata:{\"likes\":3}\n\n");
		assertThat(channel.isOpen()).isTrue();
	}

	@Test
	void aNewSubscriberGetsTheStreamsPinnedProductRightAfterTheHeadAndThenItsEvents() {
		EmbeddedChannel channel = connect();
		assertThat(send(channel, get(PINNED))).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n" + PIN_EVENT);
		assertThat(subscribers.size(PINNED)).isEqualTo(1);

		subscribers.publish(PINNED, "event:engagement\ndata:{\"likes\":1}\n\n".getBytes(StandardCharsets.UTF_8));
		channel.runPendingTasks();
		assertThat(written(channel)).isEqualTo("event:engagement\ndata:{\"likes\":1}\n\n");
	}

	@Test
	void anEndedStreamGetsItsEndedEventAndTheConnectionHalfClosesAndThenCloses() {
		EmbeddedChannel channel = connect();
		assertThat(send(channel, get(ENDED))).startsWith("HTTP/1.1 200 OK\r\n").endsWith("event:ended\ndata:{}\n\n");
		assertThat(subscribers.size(ENDED)).isZero();
		channel.advanceTimeBy(ClosingDeadline.LINGER.toSeconds() + 1, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).isFalse();
	}

	@Test
	void malformedRequestLinesAndFieldsAreAnswered400WithAProblem() {
		for (String malformed : new String[] { "GARBAGE\r\n\r\n", "GET /api/streams/7/events\r\n\r\n",
				"GET /api/streams/7/events HTTP/1.1\r\nX-A : b\r\n\r\n",
				"GET /api/streams/7/events HTTP/1.1\r\nNo colon here\r\n\r\n",
				"GET /api/streams/7/events http/1.1\r\n\r\n", "GET /api/streams/7/events FTP/1.1\r\n\r\n" }) {
			String answer = send(connect(), malformed);
			assertThat(answer).as(malformed).startsWith("HTTP/1.1 400 ").contains("application/problem+json");
		}
		assertThat(lookedUp).isEmpty();
		assertThat(subscribers.watchedStreams()).isEmpty();
	}

	@Test
	void aHeadLargerThanTheLimitIsAnswered431AndNeverLookedUp() {
		String huge = "GET /api/streams/7/events HTTP/1.1\r\nX-Filler: " + "a".repeat(EventPortRequest.MAX_HEADER_BYTES)
				+ "\r\n\r\n";
		assertThat(send(connect(), huge)).startsWith("HTTP/1.1 431 ");
		String longLine = "GET /api/streams/7/events?" + "q".repeat(EventPortRequest.MAX_LINE_BYTES) + " HTTP/1.1\r\n\r\n";
		assertThat(send(connect(), longLine)).startsWith("HTTP/1.1 431 ");
		assertThat(lookedUp).isEmpty();
	}

	@Test
	void pipelinedRequestsAreNotServed_onlyTheFirstIsAnswered() {
		EmbeddedChannel channel = connect();
		String answer = send(channel, get(LIVE) + get(LIVE) + "GET /api/streams/99/events HTTP/1.1\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n");
		assertThat(answers(answer)).isEqualTo(1);
		assertThat(lookedUp).containsExactly(LIVE);
		assertThat(subscribers.size(LIVE)).isEqualTo(1);
	}

	@Test
	void smugglingShapedRequestsAreRefusedAndNothingAfterThemIsRead() {
		Map<String, String> smuggling = Map.of("content-length and chunked",
				"GET /api/streams/7/events HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
						+ get(LIVE),
				"two content lengths",
				"GET /api/streams/7/events HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n" + get(LIVE),
				"a body", "GET /api/streams/7/events HTTP/1.1\r\nContent-Length: 44\r\n\r\n" + get(LIVE),
				"chunked", "GET /api/streams/7/events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get(LIVE),
				"a bare CR in a field", "GET /api/streams/7/events HTTP/1.1\r\nX-A: 1\rContent-Length: 44\r\n\r\n" + get(LIVE));
		smuggling.forEach((shape, request) -> {
			String answer = send(connect(), request);
			assertThat(answer).as(shape).startsWith("HTTP/1.1 400 ");
			assertThat(answers(answer)).as(shape).isEqualTo(1);
		});
		assertThat(lookedUp).isEmpty();
		assertThat(subscribers.watchedStreams()).isEmpty();
	}

	@Test
	void aRequestThatDoesNotCompleteInTimeIsClosed() {
		EmbeddedChannel channel = connect();
		send(channel, "GET /api/streams/7/events HTTP/1.1\r\nHost: 127");
		channel.advanceTimeBy(EventPortChannelHandler.REQUEST_DEADLINE.toSeconds() - 1, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).isTrue();
		channel.advanceTimeBy(2, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).isFalse();
		assertThat(lookedUp).isEmpty();
	}

	static EmbeddedChannel subscribedWithAFullSocket(EventPortChannelTests test) {
		EmbeddedChannel channel = test.connect();
		send(channel, get(LIVE));
		channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
		channel.write(Unpooled.copiedBuffer("unsent", StandardCharsets.UTF_8)); // fills the socket: not flushed
		assertThat(channel.isWritable()).isFalse();
		return channel;
	}

	void publishLikes(EmbeddedChannel channel, int from, int to) {
		for (int likes = from; likes <= to; likes++) {
			subscribers.publish(LIVE, ("data:{\"likes\":" + likes + "}\n\n").getBytes(StandardCharsets.UTF_8));
			channel.runPendingTasks();
		}
	}

	@Test
	void aSlowSubscriberGetsEveryEventInOrderOnceItsSocketDrains() {
		EmbeddedChannel channel = subscribedWithAFullSocket(this);
		publishLikes(channel, 1, 3);
		assertThat(written(channel)).isEmpty();

		channel.flush();
		channel.runPendingTasks();
		assertThat(written(channel))
			.isEqualTo("unsent" + "data:{\"likes\":1}\n\n" + "data:{\"likes\":2}\n\n" + "data:{\"likes\":3}\n\n");
		assertThat(channel.isOpen()).isTrue();
	}

	@Test
	void aSubscriberTooFarBehindIsClosedRatherThanSkipped() {
		EmbeddedChannel channel = subscribedWithAFullSocket(this);
		publishLikes(channel, 1, OrderedFrameWriter.MAX_WAITING);
		assertThat(channel.isOpen()).as("%d events waiting", OrderedFrameWriter.MAX_WAITING).isTrue();

		publishLikes(channel, OrderedFrameWriter.MAX_WAITING + 1, OrderedFrameWriter.MAX_WAITING + 1);
		assertThat(channel.isOpen()).as("one more than may wait").isFalse();
		assertThat(subscribers.size(LIVE)).isZero();
	}

	@Test
	void theEndedEventWaitsBehindTheOthersAndGoesOutEvenWhenTheQueueIsFull() {
		EmbeddedChannel channel = subscribedWithAFullSocket(this);
		publishLikes(channel, 1, OrderedFrameWriter.MAX_WAITING);
		subscribers.end(LIVE, "event:ended\ndata:{}\n\n".getBytes(StandardCharsets.UTF_8), List.of(channel.eventLoop()));
		channel.runPendingTasks();
		assertThat(channel.isOpen()).isTrue();

		channel.flush();
		channel.runPendingTasks();
		StringBuilder expected = new StringBuilder("unsent");
		for (int likes = 1; likes <= OrderedFrameWriter.MAX_WAITING; likes++) {
			expected.append("data:{\"likes\":").append(likes).append("}\n\n");
		}
		assertThat(written(channel)).isEqualTo(expected + "event:ended\ndata:{}\n\n");
		channel.advanceTimeBy(ClosingDeadline.LINGER.toSeconds() + 1, TimeUnit.SECONDS);
		channel.runScheduledPendingTasks();
		assertThat(channel.isOpen()).as("closed after the linger").isFalse();
	}

	@Test
	void oneClientGetsItsCapAndAClosedConnectionFreesItsPlace() {
		limits = perAddress(2);
		EmbeddedChannel first = connect();
		assertThat(send(first, get(LIVE))).startsWith("HTTP/1.1 200 ");
		assertThat(send(connect(), get(LIVE))).startsWith("HTTP/1.1 200 ");
		EmbeddedChannel third = connect();
		assertThat(written(third)).startsWith("HTTP/1.1 503 ").contains("Retry-After: 5", "Too many event streams");

		first.close();
		third.close();
		assertThat(send(connect(), get(LIVE))).startsWith("HTTP/1.1 200 ");
		assertThat(subscribers.size(LIVE)).isEqualTo(2);
	}

	@Test
	void unknownStreamsOtherPathsAndMethodsGetProblems() {
		assertThat(send(connect(), get(99))).startsWith("HTTP/1.1 404 ").contains("Stream 99 does not exist.");
		assertThat(send(connect(), "GET /api/streams HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 ");
		assertThat(send(connect(), "POST /api/streams/7/events HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ")
			.contains("Allow: GET, OPTIONS");
		assertThat(send(connect(), "GET /api/streams/7x/events HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		assertThat(send(connect(), "GET /api/streams/7/events HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
		assertThat(send(connect(), "OPTIONS /api/streams/7/events HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 204 ")
			.contains("Access-Control-Allow-Headers: Last-Event-ID");
	}
}
