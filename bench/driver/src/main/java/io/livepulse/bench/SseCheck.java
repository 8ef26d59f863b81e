package io.livepulse.bench;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;

/**
 * An ordinary subscriber, once: connects to the event stream (from {@code --bind} when given),
 * waits for the answer and the first event, then likes the stream through the web port and times
 * how long until an {@code engagement} event carrying that like arrives. Through a proxy this also
 * shows that events are not buffered.
 */
final class SseCheck {

	/** What one check found; times in milliseconds, -1 when that step was not reached. */
	record Result(int status, String failure, long headMs, long firstEventMs, int likeStatus, long likeTotal,
			long likeToEventMs) {

		boolean delivered(long withinMs) {
			return likeToEventMs >= 0 && likeToEventMs <= withinMs;
		}
	}

	private SseCheck() {
	}

	static void run(Options options) throws Exception {
		Result result = check(URI.create(options.loopback("events")), URI.create(options.loopback("base")),
				Wire.loopback(options.get("bind", null)), options.get("stream"), options.get("token"),
				Math.clamp(options.integer("timeout-ms", 10_000), 1000, 30_000));
		record(options, result);
	}

	static void record(Options options, Result result) throws Exception {
		options.record("sseCheck.status", result.status());
		options.record("sseCheck.failure", result.failure() == null ? "none" : result.failure());
		options.record("sseCheck.headMs", result.headMs());
		options.record("sseCheck.firstEventMs", result.firstEventMs());
		options.record("sseCheck.likeStatus", result.likeStatus());
		options.record("sseCheck.likeTotal", result.likeTotal());
		options.record("sseCheck.likeToEventMs", result.likeToEventMs());
		options.record("sseCheck.deliveredWithin3s", result.delivered(3000));
	}

	static Result check(URI events, URI web, InetAddress source, String stream, String token, int timeoutMs) {
		long start = System.nanoTime();
		int status = -1;
		long headMs = -1;
		long firstEventMs = -1;
		int likeStatus = -1;
		long likeTotal = -1;
		try (Socket socket = Wire.connect(events, source, timeoutMs)) {
			InputStream in = Wire.input(socket);
			Wire.send(socket, events, "GET", "/api/streams/" + stream + "/events", "Accept: text/event-stream\r\n");
			Wire.Response head = Wire.readHead(in);
			status = head.status();
			headMs = millisSince(start);
			if (status != 200) {
				return new Result(status, "status", headMs, -1, -1, -1, -1);
			}
			String line;
			do {
				line = Wire.readLine(in);
			} while (line != null && !line.startsWith("data:"));
			if (line == null) {
				return new Result(status, "closed before the first event", headMs, -1, -1, -1, -1);
			}
			firstEventMs = millisSince(start);
			long liked = System.nanoTime();
			try (Socket like = Wire.connect(web, source, timeoutMs)) {
				Wire.send(like, web, "POST", "/api/streams/" + stream + "/likes",
						"Authorization: Bearer " + token + "\r\nConnection: close\r\n");
				Wire.Response answer = Wire.read(Wire.input(like));
				likeStatus = answer.status();
				likeTotal = Wire.number(answer.body(), "likes");
			}
			if (likeStatus != 200 || likeTotal < 0) {
				return new Result(status, "like not acknowledged", headMs, firstEventMs, likeStatus, likeTotal, -1);
			}
			long deadline = liked + timeoutMs * 1_000_000L;
			String event = "";
			while (System.nanoTime() < deadline && (line = Wire.readLine(in)) != null) {
				if (line.startsWith("event:")) {
					event = line.substring(6).trim();
				}
				else if (line.startsWith("data:") && event.equals("engagement")
						&& Wire.number(line.substring(5), "likes") >= likeTotal) {
					return new Result(status, null, headMs, firstEventMs, likeStatus, likeTotal, millisSince(liked));
				}
			}
			return new Result(status, "no event with the like", headMs, firstEventMs, likeStatus, likeTotal, -1);
		}
		catch (Exception failed) {
			return new Result(status, Wire.kind(failed), headMs, firstEventMs, likeStatus, likeTotal, -1);
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}
}
