package io.livepulse.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests every viewer repeats, in one table: the fast lane answers them (module {@code edge}),
 * they are not observed one by one ({@link HotPathObservations}), the event port serves one of them,
 * and the controllers map them with the same constants.
 */
public enum HotRoute {

	ENGAGEMENT("GET", HotRoute.ENGAGEMENT_PATH),
	HEARTBEAT("POST", HotRoute.HEARTBEAT_PATH),
	LEAVE("POST", HotRoute.LEAVE_PATH),
	LIKES("POST", HotRoute.LIKES_PATH),
	EVENTS("GET", HotRoute.EVENTS_PATH);

	public static final String ENGAGEMENT_PATH = "/api/streams/{id}/engagement";
	public static final String HEARTBEAT_PATH = "/api/streams/{id}/heartbeat";
	/** The heartbeat's answer header with the viewer's playback token, which their player adds to video requests. */
	public static final String PLAYBACK_TOKEN_HEADER = "LP-Playback";
	public static final String LEAVE_PATH = "/api/streams/{id}/leave";
	public static final String LIKES_PATH = "/api/streams/{id}/likes";
	public static final String EVENTS_PATH = "/api/streams/{id}/events";

	/** A servlet filter pattern that covers every hot route (servlet patterns have no wildcard inside a path). */
	public static final String FILTER_PATTERN = "/api/streams/*";

	/** Stream ids on these paths are 1 to 18 digits (a {@code long} without overflow). */
	private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,18}");
	private static final Pattern ANY = Pattern.compile("^/api/streams/[0-9]+/(engagement|heartbeat|leave|likes|events)$");

	private final String method;
	private final String mapping;
	/** The route with any single path segment where the id goes, so a malformed id can be told apart from another path. */
	private final Pattern shape;

	HotRoute(String method, String mapping) {
		this.method = method;
		this.mapping = mapping;
		this.shape = Pattern.compile(Pattern.quote(mapping).replace("{id}", "\\E([^/]+)\\Q"));
	}

	public String method() {
		return method;
	}

	/** The path template, as in a {@code @RequestMapping}. */
	public String mapping() {
		return mapping;
	}

	/** The route as a servlet or security matcher pattern: {@code /api/streams/*}{@code /likes}. */
	public String matcherPattern() {
		return mapping.replace("{id}", "*");
	}

	public String pathOf(long streamId) {
		return mapping.replace("{id}", Long.toString(streamId));
	}

	/** Whether the path is this route, whatever stands where the id goes. */
	public boolean matches(String path) {
		return shape.matcher(path).matches();
	}

	/** The stream id in the path, or -1 when the path is not this route or its id is not 1 to 18 digits. */
	public long streamIdIn(String path) {
		Matcher route = shape.matcher(path);
		return route.matches() && STREAM_ID.matcher(route.group(1)).matches() ? Long.parseLong(route.group(1)) : -1;
	}

	/** Whether the path is any of the hot routes. */
	public static boolean isHot(String path) {
		return ANY.matcher(path).matches();
	}
}
