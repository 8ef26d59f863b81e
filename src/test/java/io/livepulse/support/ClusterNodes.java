package io.livepulse.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.livepulse.LivePulseApplication;

/**
 * Nodes of one cluster in one test JVM: each a whole LivePulse (its own Spring context, web server on a
 * free port, scheduler and like writer), all on one PostgreSQL database and one Redis, as behind a load
 * balancer. The dev profile's sign-in stays on (tests get tokens from it), signed with the configured
 * secret every node shares: cluster mode allows that only with the local-test switch
 * ({@code livepulse.cluster.allow-dev-profile}) on nodes bound to 127.0.0.1, as these are.
 */
public final class ClusterNodes implements AutoCloseable {

	public static final String SECRET = "Zq8vN3xR6tW1yB5mK9pL2cH7fJ4sD0gA-cluster-test";

	private final String databaseUrl;
	private final EmbeddedRedis redis;
	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	public ClusterNodes(String databaseUrl, EmbeddedRedis redis) {
		this.databaseUrl = databaseUrl;
		this.redis = redis;
	}

	/** Starts one more node with these extra properties ({@code key=value}); its index. */
	public int startNode(String... extra) {
		List<String> properties = properties("node-" + nodes.size(), extra);
		// as command-line arguments, which win over application.yml (builder properties would not)
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LivePulseApplication.class)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
		nodes.add(context);
		return nodes.size() - 1;
	}

	/**
	 * Starts one more node in a JVM of its own (same java, same classpath, same properties as
	 * {@link #startNode}), which a test may kill with SIGKILL; the caller closes it.
	 */
	public ForkedNode forkNode(String name, String... extra) {
		return ForkedNode.start(name, properties(name, extra));
	}

	private List<String> properties(String nodeId, String... extra) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"livepulse.cluster.allow-dev-profile=true", "livepulse.push.event-port=-1",
				"spring.datasource.url=" + databaseUrl, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres", "livepulse.security.jwt-secret=" + SECRET,
				"livepulse.cluster.redis-url=" + redis.url(), "livepulse.cluster.node-id=" + nodeId,
				"livepulse.cluster.lease-duration=3s"));
		properties.addAll(List.of(extra));
		return properties;
	}

	public ConfigurableApplicationContext context(int node) {
		return nodes.get(node);
	}

	public int port(int node) {
		return ((WebServerApplicationContext) nodes.get(node)).getWebServer().getPort();
	}

	public ApiClient api(int node) {
		return new ApiClient(port(node));
	}

	public <T> T bean(int node, Class<T> type) {
		return nodes.get(node).getBean(type);
	}

	/** Closes the nodes, then their Redis; either may be null (a start that failed half way). */
	public static void stop(ClusterNodes cluster, EmbeddedRedis redis) {
		if (cluster != null) {
			cluster.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	public void close() {
		nodes.forEach(ConfigurableApplicationContext::close);
	}
}
