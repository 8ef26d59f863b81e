package io.livepulse.stats;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.shared.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two requests every viewer repeats (the public engagement read and the anonymous heartbeat)
 * answered before the security filter chain and MVC dispatch: both are public and carry no
 * credentials, and the general machinery costs several times the work itself (BENCHMARKS.md,
 * ADR 0008). Only the success path is served here, with the same body and the same security
 * headers as the regular path; a request with an {@code Authorization} header, an unknown or ended
 * stream, or anything else unusual falls through to the regular chain, which produces the usual
 * answer or problem.
 */
@Configuration(proxyBeanMethods = false)
class HotPathFilter {

	private static final Pattern ENGAGEMENT = Pattern.compile("^/api/streams/(\\d{1,18})/engagement$");
	private static final Pattern HEARTBEAT = Pattern.compile("^/api/streams/(\\d{1,18})/heartbeat$");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> hotPathFilterRegistration(StatsService stats, PresenceService presence,
			ViewerIdentity identity, JsonMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new Filter(stats, presence, identity, json));
		registration.addUrlPatterns("/api/streams/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("hotPathFilter");
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final StatsService stats;
		private final PresenceService presence;
		private final ViewerIdentity identity;
		private final JsonMapper json;

		Filter(StatsService stats, PresenceService presence, ViewerIdentity identity, JsonMapper json) {
			this.stats = stats;
			this.presence = presence;
			this.identity = identity;
			this.json = json;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getQueryString() == null) {
				EngagementView view = serve(request, response);
				if (view != null) {
					write(response, json.writeValueAsBytes(view));
					return;
				}
			}
			chain.doFilter(request, response);
		}

		/** The answer on the success path, or null to let the regular chain handle the request. */
		private EngagementView serve(HttpServletRequest request, HttpServletResponse response) {
			String uri = request.getRequestURI();
			try {
				if ("GET".equals(request.getMethod())) {
					Matcher engagement = ENGAGEMENT.matcher(uri);
					return engagement.matches() ? stats.engagement(Long.parseLong(engagement.group(1))) : null;
				}
				if ("POST".equals(request.getMethod())) {
					Matcher heartbeat = HEARTBEAT.matcher(uri);
					if (heartbeat.matches()) {
						long streamId = Long.parseLong(heartbeat.group(1));
						presence.heartbeat(streamId, identity.resolve(request, response));
						return stats.engagement(streamId);
					}
				}
			}
			catch (ApiProblem problem) {
				// unknown or ended stream: the regular chain answers with the same problem+json
			}
			return null;
		}

		/** The headers Spring Security adds to every answer, so the fast lane is not a weaker one. */
		private static void write(HttpServletResponse response, byte[] body) throws IOException {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setContentLength(body.length);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("X-Frame-Options", "DENY");
			response.setHeader("X-XSS-Protection", "0");
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
			response.setHeader(HttpHeaders.PRAGMA, "no-cache");
			response.setHeader(HttpHeaders.EXPIRES, "0");
			response.getOutputStream().write(body);
		}
	}
}
