package io.livepulse.sales;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import io.livepulse.security.Caller;
import io.livepulse.security.FastLaneAnswers;
import io.livepulse.security.TokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A flash-sale claim answered before the security chain and MVC, as the edge answers likes (ADR 0008): in a rush
 * thousands of viewers claim in the same seconds, and the general machinery cost several times the claim itself
 * (about 1 ms of CPU per refused claim, BENCHMARKS row 4e). Served here only when the bearer token verifies and
 * the body is a valid claim (the same JSON mapper and validation as the controller); anything else goes on to the
 * controller, body and all, which gives the usual answer or problem. Same status, body and security headers.
 */
@Configuration(proxyBeanMethods = false)
class ClaimLane {

	private static final Pattern CLAIMS = Pattern.compile("^/api/flash-sales/([0-9]{1,18})/claims$");
	private static final int MAX_BODY = 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> claimLaneRegistration(FlashSaleService sales, TokenVerifier tokens,
			JsonMapper json, Validator validator) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new Filter(sales, tokens, json, validator));
		registration.addUrlPatterns("/api/flash-sales/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("claimLane");
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final FlashSaleService sales;
		private final TokenVerifier tokens;
		private final JsonMapper json;
		private final Validator validator;

		Filter(FlashSaleService sales, TokenVerifier tokens, JsonMapper json, Validator validator) {
			this.sales = sales;
			this.tokens = tokens;
			this.json = json;
			this.validator = validator;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Matcher claims = CLAIMS.matcher(request.getRequestURI());
			String token = FastLaneAnswers.bearerToken(request);
			if (!claims.matches() || !"POST".equals(request.getMethod()) || request.getQueryString() != null
					|| token == null || !isJson(request.getContentType())
					|| request.getContentLengthLong() < 1 || request.getContentLengthLong() > MAX_BODY) {
				chain.doFilter(request, response);
				return;
			}
			byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
			Optional<Caller> caller = tokens.verify(token);
			ClaimRequest claim = caller.isPresent() ? valid(body) : null;
			if (claim == null) {
				chain.doFilter(new BodyAgain(request, body), response);
				return;
			}
			long saleId = Long.parseLong(claims.group(1));
			FastLaneAnswers.answer(request, response, HttpServletResponse.SC_CREATED,
					() -> json.writeValueAsBytes(sales.claim(saleId, caller.get(), claim)));
		}

		private static boolean isJson(@Nullable String contentType) {
			try {
				return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
			}
			catch (InvalidMediaTypeException unreadable) {
				return false;
			}
		}

		/** The claim the body holds, or null when the controller's own reading would refuse it. */
		private @Nullable ClaimRequest valid(byte[] body) {
			if (body.length > MAX_BODY) {
				return null;
			}
			try {
				ClaimRequest claim = json.readValue(body, ClaimRequest.class);
				return claim != null && validator.validate(claim).isEmpty() ? claim : null;
			}
			catch (JacksonException unreadable) {
				return null;
			}
		}
	}

	/** The request with the body this lane read, for the controller to read again. */
	private static final class BodyAgain extends HttpServletRequestWrapper {

		private final byte[] body;

		BodyAgain(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was already read");
				}
			};
		}
	}
}
