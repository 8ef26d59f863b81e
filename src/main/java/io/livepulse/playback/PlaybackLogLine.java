package io.livepulse.playback;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One request the media server (or a CDN) served, as its delivery log tells it, one line each:
 * {@code lp1 <time, epoch s with ms> <client address> <token or -> "<path>" <status> <body bytes sent>
 * <Content-Length or -> <OK if the whole answer went out, else - > <user agent...>}; nginx writes it with
 * {@code log_format livepulse_playback 'lp1 $msec $remote_addr $arg_lpt "$uri" $status $body_bytes_sent
 * $sent_http_content_length $request_completion $http_user_agent'}. The path is quoted because nginx logs it decoded
 * (a request could put spaces, and so made-up fields, in it; nginx escapes a quote inside); a path with a space or
 * anything but a playback id and a plain file name as its last two parts is no line. Anything before {@code lp1 } (a
 * syslog header) is skipped.
 *
 * @param contentLength the answer's full size, -1 when the log did not say
 */
record PlaybackLogLine(long atMillis, String address, @Nullable String token, String playbackId, String file, int status,
		long bytesSent, long contentLength, boolean complete, String userAgent) {

	private static final String MARK = "lp1 ";
	private static final int MAX_LINE = 2_048;
	// compiled once: every line of the log passes them
	private static final Pattern PLAYBACK_ID = Pattern.compile("[0-9a-f]{32}");
	private static final Pattern FILE = Pattern.compile("[0-9A-Za-z._-]{1,64}");
	private static final Pattern LENGTH = Pattern.compile("\\d{1,12}");

	/** The line again, in the log's format, with no user agent (what another node needs of it). */
	String withoutUserAgent() {
		return "lp1 %d.%03d %s %s \"/%s/%s\" %d %d %s %s".formatted(atMillis / 1000, atMillis % 1000, address,
				token == null ? "-" : token, playbackId, file, status, bytesSent, contentLength < 0 ? "-" : contentLength,
				complete ? "OK" : "-");
	}

	boolean isPlaylist() {
		return file.endsWith(".m3u8");
	}

	boolean isSegment() {
		return file.endsWith(".ts") || file.endsWith(".m4s");
	}

	/** Served whole: 200, every byte of the body sent, the request completed. */
	boolean servedWhole() {
		return status == 200 && complete && contentLength > 0 && bytesSent == contentLength;
	}

	static Optional<PlaybackLogLine> parse(String text) {
		int start = text.indexOf(MARK);
		if (start < 0 || text.length() - start > MAX_LINE) {
			return Optional.empty();
		}
		String line = text.substring(start + MARK.length()).strip();
		String[] head = line.split(" ", 4);
		if (head.length < 4 || !head[3].startsWith("\"")) {
			return Optional.empty();
		}
		int closing = head[3].indexOf('"', 1);
		if (closing < 0) {
			return Optional.empty();
		}
		String path = head[3].substring(1, closing);
		String[] tail = head[3].substring(closing + 1).strip().split(" ", 5);
		if (tail.length < 4) {
			return Optional.empty();
		}
		try {
			String[] parts = path.split("/");
			if (parts.length < 2) {
				return Optional.empty();
			}
			String playbackId = parts[parts.length - 2];
			String file = parts[parts.length - 1];
			if (!PLAYBACK_ID.matcher(playbackId).matches() || !FILE.matcher(file).matches()) {
				return Optional.empty();
			}
			String token = "-".equals(head[2]) || head[2].isEmpty() ? null : head[2];
			long contentLength = LENGTH.matcher(tail[2]).matches() ? Long.parseLong(tail[2]) : -1;
			return Optional.of(new PlaybackLogLine(Math.round(Double.parseDouble(head[0]) * 1000), head[1], token, playbackId,
					file, Integer.parseInt(tail[0]), Long.parseLong(tail[1]), contentLength, "OK".equals(tail[3]),
					tail.length > 4 ? tail[4].strip() : ""));
		}
		catch (NumberFormatException malformed) {
			return Optional.empty();
		}
	}
}
