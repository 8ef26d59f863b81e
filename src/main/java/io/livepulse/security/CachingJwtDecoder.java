package io.livepulse.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has fully verified until they expire, so that a viewer's repeated requests
 * (likes, heartbeats) do not each pay for JSON parsing and an HMAC, which the like benchmark showed
 * to be over a quarter of the service's CPU. Only the exact token string that passed verification is
 * answered from memory, never after its expiry; tokens without an expiry are not remembered. A
 * Caffeine cache keeps it bounded: each entry leaves when its token expires, and the least useful
 * go first when it is full, with no scan or clear-all on the request path.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;
	private final Clock clock;
	private final Cache<String, Jwt> verified;

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, int capacity) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(capacity)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.executor(Runnable::run)
			.expireAfter(Expiry.creating((String token, Jwt jwt) -> Duration.between(clock.instant(), jwt.getExpiresAt())))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = clock.instant();
		Jwt remembered = verified.getIfPresent(token);
		if (remembered != null && now.isBefore(remembered.getExpiresAt())) {
			return remembered;
		}
		Jwt jwt = delegate.decode(token);
		if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
			verified.put(token, jwt);
		}
		return jwt;
	}

	int size() {
		verified.cleanUp();
		return (int) verified.estimatedSize();
	}
}
