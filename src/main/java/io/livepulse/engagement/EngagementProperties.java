package io.livepulse.engagement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.engagement.*}. The like rate limit itself is a stream setting.
 *
 * @param groupCommitMaxBatch most likes written in one transaction
 * @param groupCommitWindow longest a like waits for more likes to share its commit, counted from
 *        its arrival; 0 batches only what queued up while the previous batch was committing
 * @param ackTimeout how long a like request waits for its batch before answering 503
 * @param reconcileInterval how often counters are checked against the interaction log
 */
@ConfigurationProperties("livepulse.engagement")
record EngagementProperties(@DefaultValue("1000") int groupCommitMaxBatch,
		@DefaultValue("2ms") Duration groupCommitWindow, @DefaultValue("10s") Duration ackTimeout,
		@DefaultValue("5m") Duration reconcileInterval) {
}
