package io.livepulse.push;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import io.livepulse.shared.HotRoute;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * What a request head decoded on the event port asks for: a subscription to a stream's events, the
 * CORS preflight, or a refusal with the status and detail of its problem answer. Netty's decoder has
 * already parsed the head strictly (RFC 9112 line and field syntax, size limits); this adds the rules
 * of this port: HTTP/1.1 or 1.0 only, no body, only {@code /api/streams/{id}/events}, GET (or OPTIONS).
 */
sealed interface EventPortRequest {

	/** The longest request line and header section read; larger heads are answered 431. */
	int MAX_LINE_BYTES = 4096;
	int MAX_HEADER_BYTES = 8192;

	Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/_.~-]*");

	/** Subscribe to the stream's events. */
	record Subscribe(long streamId, String path) implements EventPortRequest {
	}

	/** The CORS preflight browsers send before reconnecting with {@code Last-Event-ID}. */
	record Preflight() implements EventPortRequest {
	}

	/** Not served: answered with a problem, then closed. */
	record Refusal(HttpStatus status, String path, String detail) implements EventPortRequest {
	}

	static EventPortRequest of(HttpRequest request) {
		DecoderResult decoded = request.decoderResult();
		if (decoded.isFailure()) {
			Throwable cause = decoded.cause();
			if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongHttpLineException) {
				return new Refusal(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "/", "The request head is too large.");
			}
			return new Refusal(HttpStatus.BAD_REQUEST, "/", "This is not an HTTP/1.1 request.");
		}
		HttpVersion version = request.protocolVersion();
		// the decoder hands out its own constants for exactly "HTTP/1.1" and "HTTP/1.0"; any other spelling
		// of them (lower case, say) is a new object
		if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
			boolean otherVersion = version.protocolName().equals("HTTP") && version.text().matches("HTTP/[0-9]\\.[0-9]")
					&& !version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0);
			return otherVersion
					? new Refusal(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "/", "This port speaks HTTP/1.1 (and 1.0) only.")
					: new Refusal(HttpStatus.BAD_REQUEST, "/", "This is not an HTTP/1.1 request.");
		}
		if (hasBody(request)) {
			return new Refusal(HttpStatus.BAD_REQUEST, "/", "Event stream requests have no body.");
		}
		String path = request.uri().split("\\?", 2)[0];
		String shownPath = SAFE_PATH.matcher(path).matches() ? path : "/";
		if (!HotRoute.EVENTS.matches(path)) {
			return new Refusal(HttpStatus.NOT_FOUND, shownPath,
					"This port serves only event streams, at /api/streams/{id}/events.");
		}
		if (request.method().equals(HttpMethod.OPTIONS)) {
			return new Preflight();
		}
		if (!request.method().equals(HttpMethod.GET)) {
			return new Refusal(HttpStatus.METHOD_NOT_ALLOWED, shownPath, "Event streams are read with GET.");
		}
		long streamId = HotRoute.EVENTS.streamIdIn(path);
		if (streamId < 0) {
			return new Refusal(HttpStatus.BAD_REQUEST, shownPath,
					"The value given for 'id' is not a stream id: stream ids are 1 to 18 digits.");
		}
		return new Subscribe(streamId, shownPath);
	}

	/** The forwarded-for chain, every header of it in order and comma-separated, or null when there is none. */
	static @Nullable String forwardedFor(HttpRequest request, String forwardedForHeader) {
		List<String> values = request.headers().getAll(forwardedForHeader);
		return values.isEmpty() ? null : String.join(",", values);
	}

	private static boolean hasBody(HttpRequest request) {
		if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
			return true;
		}
		for (String length : request.headers().getAll(HttpHeaderNames.CONTENT_LENGTH)) {
			if (!length.strip().matches("0+")) {
				return true;
			}
		}
		return false;
	}
}
