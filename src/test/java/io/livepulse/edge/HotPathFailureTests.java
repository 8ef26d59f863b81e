package io.livepulse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.livepulse.engagement.InteractionService;
import io.livepulse.presence.PresenceService;
import io.livepulse.presence.ViewerIdentity;
import io.livepulse.push.StatsService;
import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.security.TokenVerifier;
import io.livepulse.stream.StreamService;
import io.livepulse.support.InternalErrorProblem;
import tools.jackson.databind.json.JsonMapper;

/**
 * A failure of ours on the edge's fast lane (the database gone, say) gets the advice's 500 problem with the
 * security headers, as on the regular chain, never the container's error page, and names nothing inside.
 */
class HotPathFailureTests {

	private final StreamService streams = mock(StreamService.class);
	private final InteractionService interactions = mock(InteractionService.class);
	private final TokenVerifier tokens = mock(TokenVerifier.class);
	private final HotPathFilter.Filter lane = new HotPathFilter.Filter(streams, mock(StatsService.class),
			mock(PresenceService.class), mock(ViewerIdentity.class), interactions, tokens, JsonMapper.builder().build());

	@Test
	void aLikeWhoseWriteFailsIsAnsweredWithTheInternalErrorProblem() throws Exception {
		given(tokens.verify("good")).willReturn(Optional.of(new Caller("viewer-1", Set.of(Role.VIEWER), null)));
		given(interactions.like(anyLong(), any())).willThrow(new DataAccessResourceFailureException("pool exhausted"));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/streams/7/likes");
		request.addHeader("Authorization", "Bearer good");

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		lane.doFilter(request, response, chain);

		InternalErrorProblem.assertAnswered(response, "/api/streams/7/likes", "pool exhausted");
		assertThat(chain.getRequest()).as("answered on the lane, not passed on to run the like again").isNull();
	}

	@Test
	void anEngagementReadWhoseLookupFailsIsAnsweredWithTheInternalErrorProblem() throws Exception {
		given(streams.find(7L)).willThrow(new DataAccessResourceFailureException("pool exhausted"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/streams/7/engagement");

		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		lane.doFilter(request, response, chain);

		InternalErrorProblem.assertAnswered(response, "/api/streams/7/engagement", "pool exhausted");
		assertThat(chain.getRequest()).as("answered on the lane").isNull();
	}
}
