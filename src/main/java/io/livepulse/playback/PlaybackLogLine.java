package io.livepulse.playback;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One request the media server (or a CDN) served, as its delivery log tells it, one line each:
 * {@code lp1 <time, epoch s with ms> <client address> <token or -> <path> <status> <body bytes sent>
 * <Content-Length or -> <OK if the whole answer went out, else - > <user agent...>}; nginx writes it with
 * {@code log_format livepulse_playback 'lp1 $msec $remote_addr $arg_lpt $uri $status $body_bytes_sent
 * $sent_http_content_length $request_completion $http_user_agent'}. The path's last two parts are the playback
 * id and the file. Anything else on the line before {@code lp1 } (a syslog header) is skipped.
 *
 * @param contentLength the answer's full size, -1 when the log did not say
 */
record PlaybackLogLine(long atMillis, String address, @Nullable String token, String playbackId, String file, int status,
		long bytesSent, long contentLength, boolean complete, String userAgent) {

	private static final String MARK = "lp1 ";
	private static final int MAX_LINE = 2_048;

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
		String[] fields = text.substring(start + MARK.length()).strip().split(" ", 9);
		if (fields.length < 8) {
			return Optional.empty();
		}
		try {
			long at = Math.round(Double.parseDouble(fields[0]) * 1000);
			String[] path = fields[3].split("/");
			if (path.length < 2) {
				return Optional.empty();
			}
			String playbackId = path[path.length - 2];
			String file = path[path.length - 1];
			if (!playbackId.matches("[0-9a-f]{32}") || !file.matches("[0-9A-Za-z._-]{1,64}")) {
				return Optional.empty();
			}
			String token = "-".equals(fields[2]) || fields[2].isEmpty() ? null : fields[2];
			long contentLength = fields[6].matches("\\d{1,12}") ? Long.parseLong(fields[6]) : -1;
			return Optional.of(new PlaybackLogLine(at, fields[1], token, playbackId, file, Integer.parseInt(fields[4]),
					Long.parseLong(fields[5]), contentLength, "OK".equals(fields[7]),
					fields.length > 8 ? fields[8].strip() : ""));
		}
		catch (NumberFormatException malformed) {
			return Optional.empty();
		}
	}
}
