package io.livepulse.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.security.*}.
 *
 * @param jwtSecret HS256 secret (at least 32 bytes, not guessable outside dev); the dev profile generates one
 *        into {@code devSecretFile} when blank, once, so tokens survive restarts
 * @param jwtIssuer the {@code iss} every token must carry (blank: not checked); the dev sign-in issues with it
 * @param jwtAudience an {@code aud} every token must include (blank: not checked)
 * @param devSecretFile where the dev profile keeps the secret it generates when none is configured
 * @param devTokenTtl lifetime of tokens issued by the dev sign-in (at most {@code maxTokenLifetime})
 * @param verifiedTokenCacheSize how many verified tokens are remembered until they expire (0 = none)
 * @param maxTokenLifetime the longest a token may live: {@code exp} at most this long after its {@code iat}, and
 *        never further than this ahead of now (a longer-lived token is refused, so never remembered either)
 */
@ConfigurationProperties("livepulse.security")
record SecurityProperties(String jwtSecret, @DefaultValue("livepulse") String jwtIssuer, String jwtAudience,
		@DefaultValue("data/dev-jwt-secret") Path devSecretFile, @DefaultValue("12h") Duration devTokenTtl,
		@DefaultValue("10000") int verifiedTokenCacheSize, @DefaultValue("24h") Duration maxTokenLifetime) {
}
