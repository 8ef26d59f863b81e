package io.livepulse.support;

import redis.embedded.RedisServer;

/**
 * A real redis-server 7 (org.signal:embedded-redis, no Docker) on a free port, which a test may stop
 * and start again on the same port. There is no fallback: a test that needs Redis fails without it.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final int port;
	private RedisServer server;

	private EmbeddedRedis(int port) {
		this.port = port;
	}

	public static EmbeddedRedis start() {
		EmbeddedRedis redis = new EmbeddedRedis(NginxRtmp.freePort());
		redis.startAgain();
		return redis;
	}

	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** Stops the server as a crash would, forgetting everything (no persistence). */
	public synchronized void stop() {
		if (server != null) {
			server.stop();
			server = null;
		}
	}

	public synchronized void startAgain() {
		if (server == null) {
			server = RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"")
				.setting("appendonly no").build();
			server.start();
		}
	}

	@Override
	public void close() {
		stop();
	}
}
