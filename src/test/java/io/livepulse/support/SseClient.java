package io.livepulse.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A minimal Server-Sent Events client that timestamps every event on arrival. */
public final class SseClient implements AutoCloseable {

	/** An event as received; {@code id} is what the server sent as its id (LivePulse: the millisecond it was built). */
	public record Event(String name, String data, long receivedNanos, String id) {
	}

	private final InputStream body;
	private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
	private final List<Event> received = new ArrayList<>();
	private final Thread reader;

	private SseClient(InputStream body) {
		this.body = body;
		this.reader = Thread.ofVirtual().start(this::read);
	}

	public static SseClient open(String url) throws Exception {
		HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("SSE subscribe failed with " + response.statusCode());
		}
		return new SseClient(response.body());
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String name = "message";
			String id = null;
			StringBuilder data = new StringBuilder();
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						queue.add(new Event(name, data.toString(), System.nanoTime(), id));
					}
					name = "message";
					id = null;
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
			}
		}
		catch (Exception closed) {
			// the stream ended or was closed by the test
		}
	}

	public Event awaitEvent(String name, long timeoutMillis) throws InterruptedException {
		return awaitEvent(name, timeoutMillis, event -> true);
	}

	public Event awaitEvent(String name, long timeoutMillis, Predicate<Event> condition) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (true) {
			long left = deadline - System.currentTimeMillis();
			Event event = left > 0 ? queue.poll(left, TimeUnit.MILLISECONDS) : null;
			if (event == null) {
				throw new AssertionError("no '" + name + "' event matching within " + timeoutMillis + " ms; got "
						+ received);
			}
			received.add(event);
			if (event.name().equals(name) && condition.test(event)) {
				return event;
			}
		}
	}

	public List<Event> received() {
		queue.drainTo(received);
		return List.copyOf(received);
	}

	@Override
	public void close() throws Exception {
		body.close();
		reader.interrupt();
	}
}
