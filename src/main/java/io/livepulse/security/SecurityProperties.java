package io.livepulse.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.security.*}.
 *
 * @param jwtSecret HS256 secret (at least 32 bytes, not guessable outside dev); the dev profile generates one when blank
 * @param jwtIssuer the {@code iss} every token must carry (blank: not checked); the dev sign-in issues with it
 * @param jwtAudience an {@code aud} every token must include (blank: not checked)
 * @param hookSecret shared secret the media server sends to the publish hooks
 * @param devTokenTtl lifetime of tokens issued by the dev sign-in
 * @param verifiedTokenCacheSize how many verified tokens are remembered until they expire (0 = none)
 */
@ConfigurationProperties("livepulse.security")
public record SecurityProperties(String jwtSecret, @DefaultValue("livepulse") String jwtIssuer, String jwtAudience,
		String hookSecret, @DefaultValue("12h") Duration devTokenTtl, @DefaultValue("10000") int verifiedTokenCacheSize) {
}
