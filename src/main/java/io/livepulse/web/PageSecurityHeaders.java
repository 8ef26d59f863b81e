package io.livepulse.web;

import java.net.URI;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.livepulse.media.VideoService;
import io.livepulse.push.EventStreamAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A Content-Security-Policy on every page: scripts, styles and everything else from this origin
 * only, no inline code; events also from the event port the page is told to use; video from any
 * https media server and the configured media server's origins (and blob: for hls.js). Referrer- and Permissions-Policy come from the
 * security chain for every response.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityHeaders implements WebMvcConfigurer {

	private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: https:%2$s; media-src 'self' blob: https:%2$s; worker-src 'self' blob:; "
			+ "connect-src 'self' https:%1$s%2$s; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private final EventStreamAddress eventAddress;
	private final String mediaOrigins;

	PageSecurityHeaders(EventStreamAddress eventAddress, VideoService videos) {
		this.eventAddress = eventAddress;
		this.mediaOrigins = videos.mediaOrigins().stream().map(origin -> " " + origin).collect(Collectors.joining());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.setHeader("Content-Security-Policy", POLICY.formatted(eventOrigin(request), mediaOrigins));
				return true;
			}
		}).addPathPatterns("/", "/live/**", "/seller", "/admin/**", "/signin", "/go/**");
	}

	/** " http://host:port" when pages open events on another origin, else nothing. */
	private String eventOrigin(HttpServletRequest request) {
		URI events = URI.create(eventAddress.forStream(0, request));
		if (events.getScheme() == null || events.getHost() == null) {
			return "";
		}
		return " " + events.getScheme() + "://" + events.getRawAuthority();
	}
}
