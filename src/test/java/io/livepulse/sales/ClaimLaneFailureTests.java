package io.livepulse.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.livepulse.security.Caller;
import io.livepulse.security.Role;
import io.livepulse.security.TokenVerifier;
import io.livepulse.support.InternalErrorProblem;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A claim whose hold cannot be written (the database gone, say) gets the advice's 500 problem on the claim lane,
 * with the security headers, never the container's error page, and the controller does not take it again.
 */
class ClaimLaneFailureTests {

	@Test
	void aClaimWhoseHoldFailsIsAnsweredWithTheInternalErrorProblem() throws Exception {
		FlashSaleService sales = mock(FlashSaleService.class);
		TokenVerifier tokens = mock(TokenVerifier.class);
		given(tokens.verify("good")).willReturn(Optional.of(new Caller("viewer-1", Set.of(Role.VIEWER), null)));
		given(sales.claim(anyLong(), any(), any())).willThrow(new DataAccessResourceFailureException("pool exhausted"));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/flash-sales/5/claims");
		request.addHeader("Authorization", "Bearer good");
		request.setContentType("application/json");
		request.setContent("{\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();

		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			new ClaimLane.Filter(sales, tokens, JsonMapper.builder().build(), validation.getValidator())
				.doFilter(request, response, chain);
		}

		InternalErrorProblem.assertAnswered(response, "/api/flash-sales/5/claims", "pool exhausted");
		assertThat(chain.getRequest()).as("answered on the lane, not claimed again by the controller").isNull();
	}
}
