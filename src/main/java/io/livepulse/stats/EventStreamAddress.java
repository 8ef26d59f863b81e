package io.livepulse.stats;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a page opens a stream's event stream: the dedicated event port when it runs and the page
 * can reach it, otherwise the web server's own endpoint (same origin).
 */
@Component
public class EventStreamAddress {

	private final EventStreamServer server;
	private final PushProperties properties;

	EventStreamAddress(EventStreamServer server, PushProperties properties) {
		this.server = server;
		this.properties = properties;
	}

	public String forStream(long streamId, HttpServletRequest page) {
		String path = "/api/streams/%d/events".formatted(streamId);
		if (!properties.eventPublicUrl().isBlank()) {
			return properties.eventPublicUrl().replaceAll("/+$", "") + path;
		}
		// the event port speaks plain HTTP, which a page served over HTTPS may not open
		if (!"http".equals(page.getScheme())) {
			return path;
		}
		return server.port().map(port -> "http://" + host(page.getServerName()) + ":" + port + path).orElse(path);
	}

	private static String host(String serverName) {
		return serverName.contains(":") && !serverName.startsWith("[") ? "[" + serverName + "]" : serverName;
	}
}
