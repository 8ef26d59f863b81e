package io.livepulse.stats;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

/**
 * A request head read on the event port, parsed strictly after RFC 9112: exactly
 * {@code method SP target SP HTTP/1.1} (or {@code HTTP/1.0}), well-formed header fields, no body. A bare
 * LF ends a line as well as CRLF (§2.2), so the head ends at the first empty line either way.
 *
 * @param method the request method
 * @param path the request target without its query
 * @param streamId the id in {@code /api/streams/{id}/events}, or -1 when the path has no well-formed id
 * @param forwardedFor the last address of the last forwarded-for header, or null when there is none
 */
record EventRequest(String method, String path, long streamId, String forwardedFor) {

	private static final Pattern REQUEST_LINE = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([!-~]+) (\\S+)");
	private static final Pattern HTTP_VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");
	private static final Pattern HEADER_FIELD = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*");
	private static final Pattern EVENTS_PATH = Pattern.compile("/api/streams/([^/]+)/events");
	private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,18}");

	/** A head that is not served, with the status and detail of its problem answer. */
	static final class Refused extends Exception {

		private final HttpStatus status;

		Refused(HttpStatus status, String detail) {
			super(detail, null, false, false);
			this.status = status;
		}

		HttpStatus status() {
			return status;
		}
	}

	/** Where the head ends (just past its empty line), searching from {@code from}, or -1 while incomplete. */
	static int endOfHead(byte[] bytes, int length, int from) {
		for (int i = Math.max(0, from); i < length; i++) {
			if (bytes[i] == '\n') {
				if (i + 1 < length && bytes[i + 1] == '\n') {
					return i + 2;
				}
				if (i + 2 < length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
					return i + 3;
				}
			}
		}
		return -1;
	}

	/**
	 * Parses a complete head (ISO-8859-1 text up to and including its empty line).
	 *
	 * @param forwardedForHeader the header that names the client behind a proxy, e.g. {@code X-Forwarded-For}
	 */
	static EventRequest parse(String head, String forwardedForHeader) throws Refused {
		String[] lines = head.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			if (hasControlCharacter(line)) {
				throw notHttp();
			}
			lines[i] = line;
		}
		Matcher requestLine = REQUEST_LINE.matcher(lines[0]);
		if (!requestLine.matches() || !HTTP_VERSION.matcher(requestLine.group(3)).matches()) {
			throw notHttp();
		}
		String version = requestLine.group(3);
		if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
			throw new Refused(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "This port speaks HTTP/1.1 (and 1.0) only.");
		}
		String forwardedFor = null;
		for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
			Matcher field = HEADER_FIELD.matcher(lines[i]);
			if (!field.matches()) {
				throw new Refused(HttpStatus.BAD_REQUEST, "A header field of the request is malformed.");
			}
			String name = field.group(1);
			String value = field.group(2);
			if (name.equalsIgnoreCase("Transfer-Encoding")
					|| name.equalsIgnoreCase("Content-Length") && !value.matches("0+")) {
				throw new Refused(HttpStatus.BAD_REQUEST, "Event stream requests have no body.");
			}
			if (name.equalsIgnoreCase(forwardedForHeader)) {
				forwardedFor = value.substring(value.lastIndexOf(',') + 1).strip();
			}
		}
		String method = requestLine.group(1);
		String path = requestLine.group(2).split("\\?", 2)[0];
		Matcher eventsPath = EVENTS_PATH.matcher(path);
		long streamId = eventsPath.matches() && STREAM_ID.matcher(eventsPath.group(1)).matches()
				? Long.parseLong(eventsPath.group(1)) : -1;
		return new EventRequest(method, path, streamId, forwardedFor);
	}

	boolean isEventsPath() {
		return EVENTS_PATH.matcher(path).matches();
	}

	private static boolean hasControlCharacter(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c < 0x20 && c != '\t' || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	private static Refused notHttp() {
		return new Refused(HttpStatus.BAD_REQUEST, "This is not an HTTP/1.1 request.");
	}
}
