package io.livepulse.sales;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sales or auctions changed since the last broadcast: here (this node tells its viewers and announces the change to
 * the other nodes) or on another node (this node only tells its own viewers). Each is told once per broadcast,
 * however many changes came meanwhile.
 */
final class ChangedItems {

	interface Teller {

		void tell(long id, boolean changedHere);
	}

	private final Set<Long> here = ConcurrentHashMap.newKeySet();
	private final Set<Long> elsewhere = ConcurrentHashMap.newKeySet();

	void changedHere(long id) {
		here.add(id);
	}

	void changedElsewhere(long id) {
		elsewhere.add(id);
	}

	/** Each item changed since the last call, once: those changed here first. */
	void drain(Teller teller) {
		for (Long id : here) {
			here.remove(id);
			elsewhere.remove(id);
			teller.tell(id, true);
		}
		for (Long id : elsewhere) {
			elsewhere.remove(id);
			teller.tell(id, false);
		}
	}
}
