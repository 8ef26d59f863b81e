package io.livepulse.edge;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.livepulse.engagement.InteractionService;
import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.presence.Visitor;
import io.livepulse.security.Caller;
import io.livepulse.security.FastLaneAnswers;
import io.livepulse.security.TokenVerifier;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.HotRoute;
import io.livepulse.push.EngagementView;
import io.livepulse.push.StatsService;
import io.livepulse.stream.Stream;
import io.livepulse.stream.StreamService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests every viewer repeats, answered before the security filter chain and MVC dispatch,
 * whose general machinery costs several times the work itself (BENCHMARKS.md, ADR 0008):
 * <ul>
 * <li>the anonymous engagement read and heartbeat: only their success path is served here, with
 * the same body and security headers as the regular path; a request with an
 * {@code Authorization} header, an unknown or ended stream, or anything unusual falls through to
 * the regular chain, which gives the usual answer or problem;</li>
 * <li>a like or a heartbeat with a bearer token that the same {@code JwtDecoder} accepts: answered here,
 * refusals (a role that may not like, not live, rate limit, an unknown, hidden or ended stream) as the same
 * problem+json; a token that does not verify falls through and gets the regular 401.</li>
 * </ul>
 * A failure of ours while serving either is answered here with the advice's 500 problem, not passed on: the
 * heartbeat or like may have been taken before it.
 */
@Configuration(proxyBeanMethods = false)
class HotPathFilter {


	@Bean
	FilterRegistrationBean<OncePerRequestFilter> hotPathFilterRegistration(StreamService streams, StatsService stats,
			PresenceService presence, ViewerIdentity identity, InteractionService interactions, TokenVerifier tokens,
			JsonMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new Filter(streams, stats, presence, identity, interactions, tokens, json));
		registration.addUrlPatterns(HotRoute.FILTER_PATTERN);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("hotPathFilter");
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final StreamService streams;
		private final StatsService stats;
		private final PresenceService presence;
		private final ViewerIdentity identity;
		private final InteractionService interactions;
		private final TokenVerifier tokens;
		private final JsonMapper json;

		Filter(StreamService streams, StatsService stats, PresenceService presence, ViewerIdentity identity,
				InteractionService interactions, TokenVerifier tokens, JsonMapper json) {
			this.streams = streams;
			this.stats = stats;
			this.presence = presence;
			this.identity = identity;
			this.interactions = interactions;
			this.tokens = tokens;
			this.json = json;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String token = FastLaneAnswers.bearerToken(request);
			if (token != null && request.getQueryString() == null && "POST".equals(request.getMethod())
					&& (signedIn(request, response, token, HotRoute.LIKES,
							(streamId, caller) -> json.writeValueAsBytes(interactions.like(streamId, caller)))
							|| signedIn(request, response, token, HotRoute.HEARTBEAT,
									(streamId, caller) -> signedInHeartbeat(request, response, streamId, caller)))) {
				return;
			}
			if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getQueryString() == null) {
				byte[] answer;
				try {
					EngagementView view = serve(request, response);
					answer = view == null ? null : json.writeValueAsBytes(view);
				}
				catch (RuntimeException failure) {
					FastLaneAnswers.failed(request, response, failure);
					return;
				}
				if (answer != null) {
					FastLaneAnswers.json(request, response, HttpServletResponse.SC_OK, answer);
					return;
				}
			}
			chain.doFilter(request, response);
		}

		/** The answer on the success path, or null to let the regular chain handle the request. */
		private @Nullable EngagementView serve(HttpServletRequest request, HttpServletResponse response) {
			String uri = request.getRequestURI();
			try {
				if ("GET".equals(request.getMethod())) {
					Stream stream = publicStream(HotRoute.ENGAGEMENT.streamIdIn(uri));
					return stream == null ? null : stats.engagement(stream);
				}
				if ("POST".equals(request.getMethod())) {
					Stream stream = publicStream(HotRoute.HEARTBEAT.streamIdIn(uri));
					if (stream != null) {
						return heartbeat(stream, () -> identity.resolve(request, response), response);
					}
				}
			}
			catch (ApiProblem problem) {
				// unknown or ended stream: the regular chain answers with the same problem+json
			}
			return null;
		}

		/** A stream anyone may see (not a rehearsal), or null for the regular chain to answer. */
		private @Nullable Stream publicStream(long id) {
			return id < 0 ? null : streams.find(id).filter(Stream::isPublic).orElse(null);
		}

		/**
		 * A request on {@code route} whose bearer token verifies, answered here with what {@code answer} makes of the
		 * stream id and the caller (a refusal as the same problem); false to use the regular chain.
		 */
		private boolean signedIn(HttpServletRequest request, HttpServletResponse response, String token, HotRoute route,
				BiFunction<Long, Caller, byte[]> answer) throws IOException {
			long streamId = route.streamIdIn(request.getRequestURI());
			if (streamId < 0) {
				return false;
			}
			Optional<Caller> caller = tokens.verify(token);
			if (caller.isEmpty()) {
				return false;
			}
			FastLaneAnswers.answer(request, response, HttpServletResponse.SC_OK, () -> answer.apply(streamId, caller.get()));
			return true;
		}

		/** A signed-in viewer's heartbeat as the controller takes it: the viewer is the user, any stream they may see. */
		private byte[] signedInHeartbeat(HttpServletRequest request, HttpServletResponse response, long streamId,
				Caller caller) {
			Stream stream = streams.getVisible(streamId, Optional.of(caller));
			return json.writeValueAsBytes(
					heartbeat(stream, () -> identity.resolve(request, response, Optional.of(caller)), response));
		}

		/** Takes the visitor's heartbeat, hands their player its playback token if any, answers the figures. */
		private EngagementView heartbeat(Stream stream, Supplier<Visitor> visitor, HttpServletResponse response) {
			String playbackToken = presence.heartbeat(stream, visitor);
			if (playbackToken != null) {
				response.setHeader(HotRoute.PLAYBACK_TOKEN_HEADER, playbackToken);
			}
			return stats.engagement(stream);
		}
	}
}
