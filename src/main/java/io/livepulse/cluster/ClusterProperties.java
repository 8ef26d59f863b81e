package io.livepulse.cluster;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.cluster.*}. Cluster mode is on when {@code redisUrl} is set.
 *
 * @param redisUrl the shared Redis, e.g. {@code redis://10.0.0.5:6379} (blank: single-node mode)
 * @param nodeId this node's name in events and the leader lease, to which a part unique to the process is added
 * @param commandTimeout longest a Redis command may take before the node falls back (rate limits) or
 *        reports itself DEGRADED
 * @param eventStream the Redis Stream that carries lifecycle and settings events between nodes
 * @param eventStreamLength about how many events the stream keeps (older ones are trimmed)
 * @param stateCheckInterval how often each node re-reads the state of the streams it holds, and the
 *        settings, from the database: the safety net under the event stream
 * @param counterRefreshInterval how often each node reads the shared like and purchase totals of live
 *        streams from the database (one query), for its displays: how far a like taken on another node
 *        may lag in what this node shows
 * @param exchangeInterval how often each node sends the heartbeats it took to Redis and reads every node's
 *        viewer figures back (one pipelined call per stream): how far a node's viewer figures may lag
 * @param leaseDuration how long the leader lease for jobs that must run once lasts unless renewed
 * @param allowDevProfile local tests only: lets cluster mode run with the dev profile (dev sign-in, admin
 *        tokens for anyone) on nodes bound to a loopback address; checked by {@code ClusterGuard}
 */
@ConfigurationProperties("livepulse.cluster")
public record ClusterProperties(@Nullable String redisUrl, @Nullable String nodeId,
		@DefaultValue("1s") Duration commandTimeout, @DefaultValue("livepulse:events") String eventStream,
		@DefaultValue("10000") long eventStreamLength, @DefaultValue("2s") Duration stateCheckInterval,
		@DefaultValue("200ms") Duration counterRefreshInterval, @DefaultValue("200ms") Duration exchangeInterval,
		@DefaultValue("10s") Duration leaseDuration,
		@DefaultValue("false") boolean allowDevProfile) {

	/** For {@code @ConditionalOnExpression}: cluster mode is on (a Redis URL that is not blank). */
	public static final String CLUSTER_MODE = "!'${livepulse.cluster.redis-url:}'.isBlank()";

	/**
	 * Unique to this process: two nodes given the same {@code node-id} (one setting copied into every deployment)
	 * would otherwise both hold the job lease and each ignore the other's events as its own. (Nodes a test starts
	 * in one JVM get ids of their own.)
	 */
	private static final String THIS_PROCESS = UUID.randomUUID().toString().substring(0, 8);

	public boolean enabled() {
		return redisUrl != null && !redisUrl.isBlank();
	}

	/** This node's name in events and the lease: the configured id (or "node") and a part unique to the process. */
	public String node() {
		return (nodeId == null || nodeId.isBlank() ? "node" : nodeId) + "@" + THIS_PROCESS;
	}
}
