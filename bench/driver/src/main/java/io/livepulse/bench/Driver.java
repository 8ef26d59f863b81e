package io.livepulse.bench;

import java.util.Arrays;

/**
 * LivePulse's load driver and reference baselines. Every target is 127.0.0.1 or ::1, every loop
 * is bounded by a count and a duration. Each command writes {@code key=value} results to
 * {@code --out}; {@code report} turns them into BENCHMARKS.md.
 */
public final class Driver {

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
			return;
		}
		Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
		switch (args[0]) {
			case "prepare" -> Scenario.prepare(options);
			case "likes-wrk" -> LikeWrk.run(options);
			case "likes-at-rate" -> LikesAtRate.run(options);
			case "presence" -> PresenceLoad.run(options);
			case "players" -> Players.run(options);
			case "sse" -> SseLoad.run(options);
			case "pin-fanout" -> PinFanout.run(options);
			case "flash-sale" -> FlashSaleRush.run(options);
			case "auction" -> AuctionWar.run(options);
			case "webhooks" -> WebhookLoad.run(options);
			case "webhook-receiver" -> WebhookReceiver.run(options);
			case "chat" -> ChatLoad.run(options);
			case "seed-baseline" -> SeedBaseline.run(options);
			case "jdbc-ceiling" -> JdbcCeiling.run(options);
			case "pg-server" -> PgServer.run(options);
			case "profile-summary" -> ProfileSummary.run(options);
			case "report" -> Report.run(options);
			case "token" -> Jwt.run(options);
			case "probe" -> Probe.run(options);
			case "sse-check" -> SseCheck.run(options);
			case "event-flood" -> EventFlood.run(options);
			case "likes-until-killed" -> LikesUntilKilled.run(options);
			case "tokens" -> Jwt.tokens(options);
			case "cluster-likes" -> ClusterLikes.run(options);
			case "cluster-delivery" -> ClusterDelivery.run(options);
			case "slow-readers" -> SlowReaders.run(options);
			case "writes-until-killed" -> WritesUntilKilled.run(options);
			default -> usage();
		}
	}

	private static void usage() {
		System.err.println("""
				usage: driver <command> [--name value ...]
				  prepare        --base URL --out F                 seller, stream, settings for the run
				  likes-wrk      --base URL --stream ID --users N --threads T --connections C --seconds S --warmup-seconds W --tokens F --out F
				  likes-at-rate  --base URL --stream ID --users N --rate R --seconds S --connections C --out F
				  presence       --base URL --stream ID --viewers N --interval-seconds S --seconds S --out F
				  players        --base URL --stream ID --playlist HLS_URL --players N --per-address A --seconds S --fetch-every-seconds F --out F
				  sse            --base URL --stream ID --subscribers N --seconds S --pid PID --out F
				  pin-fanout     --api URL --base EVENTS_URL --subscribers N --rounds R --out F   pins to N subscribers
				  flash-sale     --api URL --base EVENTS_URL --secret S --claimers N --stock S --subscribers M --concurrency C --out F
				  auction        --api URL[,URL...] --base EVENTS_URL --secret S --bidders N --seconds S --subscribers M --out F
				  webhooks       --api URL --secret S --endpoints N --rate R --seconds S --out F
				  webhook-receiver --port P --seconds S --received F | --received F --check ACK_FILE --wait S --out F
				  chat           --api URL --base EVENTS_URL --subscribers N --rate R --users U --seconds S --out F   chat to N subscribers
				  seed-baseline  --jdbc URL --user U --password P --workers N --seconds S --out F --prefix P
				  jdbc-ceiling   --jdbc URL --user U --password P --rows N --out F --prefix P
				  pg-server      --port P --dir D
				  profile-summary --collapsed F --interval-us N --output F   summary of an async-profiler CPU profile
				  report         --results DIR --output BENCHMARKS.md
				attack suite (bench/attack.sh):
				  token          --secret S --user U --role R [--vendor V] [--ttl-seconds N]   prints an HS256 token
				  probe          --base URL --mode get|viewer|sse [--path P | --stream ID] [--bind ADDR] --interval-ms N --seconds S --out F
				  sse-check      --events URL --base URL --stream ID --token T [--bind ADDR] --out F
				  event-flood    --events URL --base URL --stream ID --connections N --sources A[-B] --hold-seconds S --token T --out F
				  likes-until-killed --base URL --stream ID --secret S --users N --connections C --seconds S --ack-file F
				  writes-until-killed --base URL --stream ID --kind chat|purchases --secret S --rate R --seconds S --ack-file F [--verify true --out F]
				  slow-readers   --api URL --events URL --slow N --ordinary N --rate R --seconds S --attacker ADDR --out F
				cluster pass (bench/cluster.sh):
				  tokens         --secret S --users N --output F            N viewer tokens, one a line
				  cluster-likes  --base URL --nodes URL,URL --secret S --tokens F --likes N --connections C --jdbc URL --user U --password P --out F
				""");
	}
}
