package io.livepulse.push;

import java.net.URI;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import io.livepulse.shared.HotRoute;

/**
 * Where a page opens a stream's event stream: {@code livepulse.push.event-public-url} when set, the
 * dedicated event port when it runs and a page served directly over HTTP can reach it, otherwise
 * the web server's own endpoint (same origin).
 */
@Component
public class EventStreamAddress {

	private final NettyEventPort server;
	private final PushProperties properties;

	EventStreamAddress(NettyEventPort server, PushProperties properties) {
		this.server = server;
		this.properties = properties;
	}

	public String forStream(long streamId, HttpServletRequest page) {
		String path = HotRoute.EVENTS.pathOf(streamId);
		if (!properties.eventPublicUrl().isBlank()) {
			return properties.eventPublicUrl().replaceAll("/+$", "") + path;
		}
		// the event port speaks plain HTTP, which a page served over HTTPS may not open; behind a proxy
		// the port is likely not exposed (and the scheme seen here may not be the browser's), so only a
		// page served directly over HTTP is sent to the port without a configured public URL
		if (!"http".equals(page.getScheme()) || page.getHeader("X-Forwarded-Proto") != null
				|| page.getHeader("X-Forwarded-For") != null || page.getHeader("Forwarded") != null) {
			return path;
		}
		return server.port().map(port -> "http://" + host(page.getServerName()) + ":" + port + path).orElse(path);
	}

	/**
	 * For a page's Content-Security-Policy: " scheme://host:port" of the event stream when the page opens it on
	 * another origin, else nothing (same origin).
	 */
	public String otherOrigin(HttpServletRequest page) {
		URI events = URI.create(forStream(0, page));
		return events.getScheme() == null || events.getHost() == null ? ""
				: " " + events.getScheme() + "://" + events.getRawAuthority();
	}

	private static String host(String serverName) {
		return serverName.contains(":") && !serverName.startsWith("[") ? "[" + serverName + "]" : serverName;
	}
}
