package io.livepulse.web;

import java.util.stream.Collectors;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.livepulse.media.VideoService;
import io.livepulse.push.EventStreamAddress;
import io.livepulse.shared.PagePolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Content-Security-Policy of LivePulse's own pages ({@link PagePolicy}), which nothing may frame. Referrer- and
 * Permissions-Policy come from the security chain for every response.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityHeaders implements WebMvcConfigurer {

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
				response.setHeader("Content-Security-Policy",
						PagePolicy.of(eventAddress.otherOrigin(request), mediaOrigins, PagePolicy.NOT_FRAMED));
				return true;
			}
		}).addPathPatterns("/", "/live/**", "/seller", "/admin/**", "/signin", "/go/**");
	}
}
