package io.livepulse.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.chat.*}.
 *
 * @param maxLength most characters (code points) in one message, after trimming
 * @param history messages a joining viewer gets, and one page of {@code GET .../chat}
 * @param perSecond messages one user may post per second on one stream, on average
 * @param burst messages one user may post at once before {@code perSecond} applies
 * @param batchInterval chat events on one stream are sent at most this often; a burst in between
 *        goes out as one event, newest last
 * @param commitWindow longest a message waits for others to share its commit (group commit, as for likes)
 */
@ConfigurationProperties("livepulse.chat")
public record ChatProperties(@DefaultValue("300") int maxLength, @DefaultValue("50") int history,
		@DefaultValue("1") double perSecond, @DefaultValue("3") int burst,
		@DefaultValue("200ms") Duration batchInterval, @DefaultValue("2ms") Duration commitWindow) {
}
