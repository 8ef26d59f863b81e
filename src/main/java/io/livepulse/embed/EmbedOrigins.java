package io.livepulse.embed;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.livepulse.cluster.ChangedOnAnotherNode;
import io.livepulse.cluster.ClusterAnnouncements;
import io.livepulse.shared.ApiProblem;

/**
 * The shop origins admins allow to frame the player: {@code https://host[:port]} (http only for localhost and
 * 127.0.0.1, for trying it on one machine), at most {@value #MAX} of them. Kept in memory and read again when an
 * admin changes them here or on another node.
 */
@Service
class EmbedOrigins {

	static final int MAX = 50;
	private static final String TOPIC = "embed-origins";

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final ClusterAnnouncements cluster;
	private final Clock clock;
	private volatile List<String> current;

	EmbedOrigins(JdbcClient jdbc, TransactionTemplate transactions, ClusterAnnouncements cluster, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.cluster = cluster;
		this.clock = clock;
		this.current = load();
	}

	List<String> current() {
		return current;
	}

	/** The origin as listed, when it is (an unparsable or unlisted one: empty). */
	Optional<String> allowed(String origin) {
		try {
			String normalized = normalized(origin);
			return current.contains(normalized) ? Optional.of(normalized) : Optional.empty();
		}
		catch (ApiProblem notAnOrigin) {
			return Optional.empty();
		}
	}

	List<String> replace(List<String> origins, String by) {
		Set<String> clean = new LinkedHashSet<>();
		for (String origin : origins) {
			clean.add(normalized(origin));
		}
		if (clean.size() > MAX) {
			throw ApiProblem.unprocessable("At most %d origins.".formatted(MAX));
		}
		transactions.executeWithoutResult(status -> {
			jdbc.sql("select id from embed_origins_guard where id = 1 for update").query(Integer.class).single();
			jdbc.sql("delete from embed_origins").update();
			for (String origin : clean) {
				jdbc.sql("insert into embed_origins (origin, added_by, added_at) values (:origin, :by, :now)")
					.param("origin", origin).param("by", by).param("now", Timestamp.from(clock.instant())).update();
			}
		});
		current = load();
		cluster.announce(TOPIC, 0);
		return current;
	}

	@EventListener
	void on(ChangedOnAnotherNode changed) {
		if (TOPIC.equals(changed.topic())) {
			current = load();
		}
	}

	private List<String> load() {
		return jdbc.sql("select origin from embed_origins order by origin").query(String.class).list();
	}

	/** The origin as frame-ancestors and postMessage compare it: scheme://host[:port], lower case, no path. */
	static String normalized(String origin) {
		URI uri;
		try {
			uri = new URI(origin.trim());
		}
		catch (URISyntaxException malformed) {
			throw ApiProblem.unprocessable("'%s' is not an origin such as https://shop.example.com.".formatted(origin));
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
		boolean local = host.equals("localhost") || host.equals("127.0.0.1");
		boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
				&& uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		if (host.isEmpty() || !bare || !(scheme.equals("https") || scheme.equals("http") && local)
				|| !host.matches("[a-z0-9.-]+")) {
			throw ApiProblem.unprocessable(
					"'%s' is not an origin such as https://shop.example.com (https, a host, no path; http only for localhost)."
						.formatted(origin));
		}
		// as browsers write an origin: no default port
		boolean defaultPort = uri.getPort() == 443 && scheme.equals("https") || uri.getPort() == 80 && scheme.equals("http");
		return scheme + "://" + host + (uri.getPort() > 0 && !defaultPort ? ":" + uri.getPort() : "");
	}
}
