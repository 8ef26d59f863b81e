package io.livepulse.edge;

import java.io.IOException;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.livepulse.shared.ProblemWriter;
import io.livepulse.shared.RequestBodyTooLarge;

/**
 * No request body is larger than {@code livepulse.http.max-request-body} (64 KB): a declared length
 * over it is answered 413 before anything is read, and a chunked body is cut off where it passes
 * the limit (the reader fails with {@link RequestBodyTooLarge}, which the advice answers 413).
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimit {

	/**
	 * {@code livepulse.http.*}.
	 *
	 * @param maxRequestBody larger request bodies are answered 413
	 * @param maxConnectionsPerAddress connections one client address (IPv6: /64) may hold on the web
	 *        port; configured proxies are exempt
	 * @param firstRequestHeadDeadline how long after accept a connection's first request head must have
	 *        arrived whole, or the connection is closed
	 * @param firstRequestHeadDeadlineWhenBusy the same while more than half of
	 *        {@code server.tomcat.max-connections} are taken
	 */
	@ConfigurationProperties("livepulse.http")
	record HttpProperties(@DefaultValue("64KB") DataSize maxRequestBody,
			@DefaultValue("200") int maxConnectionsPerAddress, @DefaultValue("10s") Duration firstRequestHeadDeadline,
			@DefaultValue("1s") Duration firstRequestHeadDeadlineWhenBusy) {
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestBodyLimitFilter(HttpProperties properties) {
		long limit = properties.maxRequestBody().toBytes();
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getContentLengthLong() > limit) {
					ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
							"Request bodies may be at most %d bytes.".formatted(limit));
					return;
				}
				chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, limit) : request, response);
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("requestBodyLimit");
		return registration;
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), limit);
			}
			return stream;
		}
	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;
		private final long limit;
		private long read;

		CountingStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestBodyTooLarge {
			read += n;
			if (read > limit) {
				throw new RequestBodyTooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
