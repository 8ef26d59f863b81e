package io.livepulse.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens it has fully verified until they expire, so that a viewer's repeated requests
 * (likes, heartbeats) do not each pay for JSON parsing and an HMAC, which the like benchmark showed
 * to be over a quarter of the service's CPU. Only the exact token string that passed verification is
 * answered from memory, never after its expiry; tokens without an expiry are not remembered. The
 * memory is bounded: when full, expired entries go first, and if that frees too little, all of them.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;
	private final Clock clock;
	private final int capacity;
	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, Clock clock, int capacity) {
		this.delegate = delegate;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = clock.instant();
		Jwt remembered = verified.get(token);
		if (remembered != null) {
			if (now.isBefore(remembered.getExpiresAt())) {
				return remembered;
			}
			verified.remove(token, remembered);
		}
		Jwt jwt = delegate.decode(token);
		if (capacity > 0 && jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
			if (verified.size() >= capacity) {
				verified.values().removeIf(entry -> !now.isBefore(entry.getExpiresAt()));
				// still nearly full: start over rather than scan all entries again on the next miss
				if (verified.size() >= capacity * 9L / 10) {
					verified.clear();
				}
			}
			verified.put(token, jwt);
		}
		return jwt;
	}

	int size() {
		return verified.size();
	}
}
