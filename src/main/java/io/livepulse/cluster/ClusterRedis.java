package io.livepulse.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The shared Redis, through Lettuce (cluster mode only). One connection serves every request thread
 * (Lettuce pipelines concurrent commands on it); blocking reads get their own. Lettuce reconnects by
 * itself; while it is disconnected commands fail at once instead of queueing, so callers fall back
 * rather than wait.
 */
@Component
@ConditionalOnExpression(ClusterProperties.CLUSTER_MODE)
public class ClusterRedis implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ClusterRedis.class);

	private final RedisClient client;
	private volatile @Nullable StatefulRedisConnection<String, String> shared;
	private final Map<String, String> scripts = new ConcurrentHashMap<>();

	ClusterRedis(ClusterProperties properties) {
		RedisURI uri = RedisURI.create(properties.redisUrl());
		uri.setTimeout(properties.commandTimeout());
		this.client = RedisClient.create(uri);
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(SocketOptions.builder().connectTimeout(properties.commandTimeout()).build())
			.timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
			.build());
	}

	/** Commands on the shared connection; throws when Redis cannot be reached. */
	public RedisCommands<String, String> commands() {
		return connection().sync();
	}

	private StatefulRedisConnection<String, String> connection() {
		StatefulRedisConnection<String, String> connection = shared;
		if (connection == null) {
			synchronized (this) {
				connection = shared;
				if (connection == null) {
					connection = client.connect();
					shared = connection;
					log.info("Connected to Redis");
				}
			}
		}
		return connection;
	}

	/**
	 * Runs a Lua script by its SHA1 (loading it once, and again after Redis restarted and forgot it), so
	 * a call sends its keys and arguments only.
	 */
	public <T> T eval(String script, ScriptOutputType type, String[] keys, String... args) {
		RedisCommands<String, String> commands = commands();
		String sha = scripts.computeIfAbsent(script, commands::scriptLoad);
		try {
			return commands.evalsha(sha, type, keys, args);
		}
		catch (RedisNoScriptException forgotten) {
			scripts.remove(script);
			return commands.eval(script, type, keys, args);
		}
	}

	/**
	 * Sends a Lua script by its SHA1 without waiting for the answer, so that a caller can send one call per
	 * stream and then collect the answers (Redis's pipelining). A script Redis forgot is sent whole.
	 */
	public <T> CompletableFuture<T> evalAsync(String script, ScriptOutputType type, String[] keys, String... args) {
		StatefulRedisConnection<String, String> connection = connection();
		String sha = scripts.computeIfAbsent(script, connection.sync()::scriptLoad);
		RedisAsyncCommands<String, String> async = connection.async();
		return async.<T>evalsha(sha, type, keys, args).toCompletableFuture().exceptionallyCompose(failure -> {
			Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
			if (cause instanceof RedisNoScriptException) {
				scripts.remove(script);
				return async.<T>eval(script, type, keys, args).toCompletableFuture();
			}
			return CompletableFuture.failedFuture(cause);
		});
	}

	/** A connection of its own, for blocking reads; the caller closes it. */
	StatefulRedisConnection<String, String> dedicatedConnection(Duration timeout) {
		StatefulRedisConnection<String, String> connection = client.connect();
		connection.setTimeout(timeout);
		return connection;
	}

	/** True when Redis answers a PING now. */
	public boolean reachable() {
		try {
			return "PONG".equals(commands().ping());
		}
		catch (RuntimeException unreachable) {
			return false;
		}
	}

	@Override
	public void destroy() {
		StatefulRedisConnection<String, String> connection = shared;
		if (connection != null) {
			connection.close();
		}
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}
}
