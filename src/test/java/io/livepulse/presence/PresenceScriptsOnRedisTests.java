package io.livepulse.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.livepulse.shared.ClientAddress;
import io.livepulse.support.EmbeddedRedis;
import io.livepulse.support.TestGroups;

/**
 * The cluster-mode presence scripts on a real Redis, with the arguments {@link SharedPresence} sends: the caps
 * that hold on one node ({@link StreamPresence}) hold in the exchange too, per address and per IPv6 /48.
 */
@Tag(TestGroups.CLUSTER)
class PresenceScriptsOnRedisTests {

	static EmbeddedRedis redis;
	static RedisClient client;
	static StatefulRedisConnection<String, String> connection;
	static RedisCommands<String, String> commands;

	@BeforeAll
	static void start() {
		redis = EmbeddedRedis.start();
		client = RedisClient.create(redis.url());
		connection = client.connect();
		commands = connection.sync();
	}

	@AfterAll
	static void stop() {
		connection.close();
		client.shutdown();
		redis.close();
	}

	private static long seeded(long streamId) {
		commands.eval(PresenceScripts.SEED, ScriptOutputType.INTEGER, SharedPresence.keys(streamId), "0");
		return streamId;
	}

	private static ExchangeAnswer exchange(long streamId, int cap, Map<String, NotedBeat> beats) {
		List<Object> answer = commands.eval(PresenceScripts.EXCHANGE, ScriptOutputType.MULTI, SharedPresence.keys(streamId),
				SharedPresence.exchangeArguments(cap, beats));
		return ExchangeAnswer.parse(answer);
	}

	private static void leave(long streamId, String viewerId, long at) {
		commands.eval(PresenceScripts.CLOSE, ScriptOutputType.MULTI, SharedPresence.keys(streamId), "+inf", viewerId,
				Long.toString(at));
	}

	private static String slash64(String prefix, int net) {
		return ClientAddress.keyOf(prefix + Integer.toHexString(net) + "::1");
	}

	@Test
	void aSlash48CountsAtMostEightTimesAnAddressesCapAtOnceAndGetsAPlaceBackWhenAViewerLeaves() {
		long stream = seeded(9_001);
		int cap = 2;
		Map<String, NotedBeat> beats = new LinkedHashMap<>();
		for (int net = 0; net < 100; net++) {
			for (int device = 0; device < cap; device++) {
				beats.put("d:" + net + "-" + device, new NotedBeat(slash64("2001:db8:7:", net), 1_000, 1_000));
			}
		}

		ExchangeAnswer answer = exchange(stream, cap, beats);

		assertThat(answer.figures().viewers()).isEqualTo(NewDeviceLimiter.PER_NETWORK * cap);
		assertThat(exchange(stream, cap, Map.of("d:v4", new NotedBeat("192.0.2.1", 1_000, 1_000))).figures().viewers())
			.as("an IPv4 address beside it").isEqualTo(NewDeviceLimiter.PER_NETWORK * cap + 1);
		leave(stream, "d:0-0", 2_000);
		assertThat(exchange(stream, cap, Map.of("d:99-0", new NotedBeat(slash64("2001:db8:7:", 99), 3_000, 3_000)))
			.figures().viewers()).as("the place the /48 got back").isEqualTo(NewDeviceLimiter.PER_NETWORK * cap + 1);
	}

	@Test
	void aSlash48BringsAtMostEightTimesAnAddressesNewViewersOverTheStreamsLife() {
		long stream = seeded(9_002);
		int cap = 1;
		for (int net = 0; net < 100; net++) {
			String viewer = "d:" + net;
			exchange(stream, cap, Map.of(viewer, new NotedBeat(slash64("2001:db8:9:", net), net * 10L, net * 10L)));
			leave(stream, viewer, net * 10L + 5);
		}

		assertThat(exchange(stream, cap, Map.of()).figures().uniqueViewers())
			.isEqualTo(NewDeviceLimiter.PER_NETWORK * StreamPresence.EVER_PER_ADDRESS * cap);
	}

	/** As one node counts it: a session counts up to its last heartbeat, not up to now. */
	@Test
	void theOpenWatchTimeOfTheSharedSessionsRunsToTheirLastHeartbeat() {
		long stream = seeded(9_003);
		exchange(stream, 5, Map.of("d:watching", new NotedBeat("192.0.2.7", 1_000, 61_000),
				"d:just-came", new NotedBeat("192.0.2.8", 50_000, 50_000)));
		exchange(stream, 5, Map.of("d:just-came", new NotedBeat("192.0.2.8", 55_000, 80_000)));

		String[] keys = SharedPresence.keys(stream);
		assertThat(SharedPresence.openWatchSeconds(commands.zrangeWithScores(keys[0], 0, -1),
				commands.zrangeWithScores(keys[1], 0, -1))).isEqualTo(60 + 30);
	}
}
