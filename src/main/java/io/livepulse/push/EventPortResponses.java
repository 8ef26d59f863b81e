package io.livepulse.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.livepulse.shared.ProblemWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The bytes the event port answers with: the head of an event stream, the CORS preflight and problem
 * answers. Every answer allows any origin, because the events are public, and closes the connection.
 */
final class EventPortResponses {

	static final ByteBuffer EVENT_STREAM_HEAD = direct("""
			HTTP/1.1 200 OK\r
			Content-Type: text/event-stream\r
			Cache-Control: no-store\r
			X-Accel-Buffering: no\r
			Access-Control-Allow-Origin: *\r
			Connection: close\r
			\r
			""".getBytes(StandardCharsets.US_ASCII));

	private static final String PREFLIGHT = """
			HTTP/1.1 204 No Content\r
			Access-Control-Allow-Origin: *\r
			Access-Control-Allow-Methods: GET\r
			Access-Control-Allow-Headers: Last-Event-ID, Cache-Control\r
			Access-Control-Max-Age: 600\r
			Connection: close\r
			\r
			""";

	/** The refusals a flood gets by the thousand, rendered once. */
	static final ByteBuffer PORT_FULL = direct(bytesOf(
			problem(HttpStatus.SERVICE_UNAVAILABLE, "/", "This event port is full; try again shortly.")));
	static final ByteBuffer TOO_MANY_FROM_ADDRESS = direct(bytesOf(problem(HttpStatus.SERVICE_UNAVAILABLE, "/",
			"Too many event streams are open from your address; close some and try again.")));

	private EventPortResponses() {
	}

	private static byte[] bytesOf(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	/** The answer to an {@code OPTIONS} request for the events path. */
	static ByteBuffer preflight() {
		return ByteBuffer.wrap(PREFLIGHT.getBytes(StandardCharsets.UTF_8));
	}

	/** A problem+json answer; its body comes from {@link ProblemWriter#bytes}, as elsewhere. */
	static ByteBuffer problem(HttpStatus status, String path, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		byte[] body = ProblemWriter.bytes(problem, path.matches("[A-Za-z0-9/_.~-]*") ? path : "/");
		String head = "HTTP/1.1 %d %s\r\nContent-Type: application/problem+json\r\nContent-Length: %d\r\n"
			.formatted(status.value(), status.getReasonPhrase(), body.length)
				+ (status == HttpStatus.METHOD_NOT_ALLOWED ? "Allow: GET, OPTIONS\r\n" : "")
				+ (status == HttpStatus.SERVICE_UNAVAILABLE ? "Retry-After: 5\r\n" : "")
				+ "Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
	}

	/** One connection's own view of an answer's bytes, to write through Netty. */
	static ByteBuf frame(ByteBuffer bytes) {
		return Unpooled.wrappedBuffer(bytes.duplicate());
	}

	/** A read-only direct buffer of the bytes, to be written to any number of channels (each through a duplicate). */
	static ByteBuffer direct(byte[] bytes) {
		return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
	}
}
