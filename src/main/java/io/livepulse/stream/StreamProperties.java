package io.livepulse.stream;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.stream.*}.
 *
 * @param keySecret encrypts the stored stream keys (at least 32 bytes, not guessable outside dev; required outside
 *        dev); changing it makes the stored keys unreadable until each is rotated, so keep it like the JWT secret
 * @param devSecretFile where the dev profile keeps the secret it generates (mode 600) when none is configured
 */
@ConfigurationProperties("livepulse.stream")
record StreamProperties(@Nullable String keySecret, @DefaultValue("data/dev-stream-key-secret") Path devSecretFile) {
}
