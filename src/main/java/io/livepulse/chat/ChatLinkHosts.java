package io.livepulse.chat;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.livepulse.security.Caller;
import io.livepulse.settings.SettingsService;
import io.livepulse.shared.ApiProblem;
import io.livepulse.shared.FieldError;
import io.livepulse.shared.HostNames;

/**
 * The admins' allow-list of hosts whose links chat shows as clickable (the host itself and its
 * subdomains); a link to any other host stays plain text, and an empty list makes no link clickable.
 * Every change is audited in the settings audit. Each node reads the list again at most 5 s after a change.
 */
@Service
class ChatLinkHosts {

	static final int MAX_HOSTS = 100;

	private final JdbcClient jdbc;
	private final SettingsService settings;
	private final Clock clock;
	/** The list and when it was read; read again after {@link #FRESH_NANOS} so every node sees a change soon. */
	private final AtomicReference<@Nullable Loaded> cached = new AtomicReference<>();
	private static final long FRESH_NANOS = 5_000_000_000L;

	private record Loaded(List<String> hosts, long atNanos) {
	}

	ChatLinkHosts(JdbcClient jdbc, SettingsService settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	public record HostsRequest(@Nullable List<String> hosts) {
	}

	public record Hosts(List<String> hosts) {
	}

	/** The allowed hosts, sorted. */
	public List<String> current() {
		Loaded loaded = cached.get();
		long now = System.nanoTime();
		if (loaded == null || now - loaded.atNanos() > FRESH_NANOS) {
			loaded = new Loaded(List.copyOf(stored()), now);
			cached.set(loaded);
		}
		return loaded.hosts();
	}

	/** Replaces the list; one entry that is not a plain host name refuses the whole change. */
	@Transactional
	public synchronized Hosts replace(Caller caller, @Nullable HostsRequest request) {
		List<String> requested = request == null ? null : request.hosts();
		if (requested == null) {
			throw ApiProblem.badRequest("Send the hosts as {\"hosts\": [\"shop.example.com\", ...]}; nothing was changed.")
				.with("errors", List.of(new FieldError("hosts", "is required (an empty list allows no links)")));
		}
		List<FieldError> errors = new ArrayList<>();
		TreeSet<String> wanted = new TreeSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String host = HostNames.entry(requested.get(i));
			if (host == null) {
				errors.add(new FieldError("hosts[" + i + "]",
						"must be a host name such as shop.example.com (at most 64 characters): no scheme, port, path, wildcard or IP address"));
			}
			else {
				wanted.add(host);
			}
		}
		if (wanted.size() > MAX_HOSTS) {
			errors.add(new FieldError("hosts", "must hold at most %d hosts".formatted(MAX_HOSTS)));
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("Some link hosts are invalid (%s %s); nothing was changed."
				.formatted(errors.get(0).field(), errors.get(0).message())).with("errors", errors);
		}
		List<String> before = stored();
		for (String host : before) {
			if (!wanted.contains(host)) {
				jdbc.sql("delete from chat_link_hosts where host = :host").param("host", host).update();
				settings.auditChange("chatLinkHost", host, "(removed)", caller.userId());
			}
		}
		for (String host : wanted) {
			if (!before.contains(host)) {
				jdbc.sql("insert into chat_link_hosts (host, added_by, added_at) values (:host, :by, :now)")
					.param("host", host).param("by", caller.userId()).param("now", Timestamp.from(clock.instant())).update();
				settings.auditChange("chatLinkHost", "(absent)", host, caller.userId());
			}
		}
		cached.set(null);
		return new Hosts(List.copyOf(wanted));
	}

	private List<String> stored() {
		return jdbc.sql("select host from chat_link_hosts order by host").query(String.class).list();
	}
}
