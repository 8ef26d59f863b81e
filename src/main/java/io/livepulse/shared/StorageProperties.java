package io.livepulse.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.storage.*}.
 *
 * @param forceToDisk on H2, force every commit acknowledged as durable (likes, purchases, chat messages) to
 *        disk before answering ({@code CHECKPOINT SYNC}), so it survives an OS crash or power loss;
 *        PostgreSQL does this on every commit by itself
 */
@ConfigurationProperties("livepulse.storage")
record StorageProperties(@DefaultValue("true") boolean forceToDisk) {
}
