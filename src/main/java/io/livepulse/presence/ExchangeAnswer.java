package io.livepulse.presence;

import java.util.ArrayList;
import java.util.List;

/**
 * What Redis answered to one node's exchange of one stream ({@link PresenceScripts#EXCHANGE}): every
 * node's figures after the heartbeats were applied, the viewers who joined for the first time, and the
 * addresses that were refused a new viewer by the per-address cap.
 */
record ExchangeAnswer(Status status, PresenceSnapshot figures, List<FirstJoin> firstJoins, List<String> refusedAddresses) {

	enum Status { COUNTED, NOT_SEEDED, ENDED }

	record FirstJoin(String viewerId, long joinedAtMillis) {
	}

	static ExchangeAnswer parse(List<Object> answer) {
		long status = (Long) answer.get(0);
		if (status != 0) {
			return new ExchangeAnswer(status == -2 ? Status.ENDED : Status.NOT_SEEDED, PresenceSnapshot.EMPTY, List.of(),
					List.of());
		}
		int viewers = ((Long) answer.get(1)).intValue();
		PresenceSnapshot figures = new PresenceSnapshot(viewers, Math.max(((Long) answer.get(2)).intValue(), viewers),
				((Long) answer.get(3)).intValue());
		List<?> flat = (List<?>) answer.get(4);
		List<FirstJoin> firstJoins = new ArrayList<>(flat.size() / 2);
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			firstJoins.add(new FirstJoin(String.valueOf(flat.get(i)), Long.parseLong(String.valueOf(flat.get(i + 1)))));
		}
		List<String> refused = ((List<?>) answer.get(5)).stream().map(String::valueOf).toList();
		return new ExchangeAnswer(Status.COUNTED, figures, firstJoins, refused);
	}
}
