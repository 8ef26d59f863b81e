package io.livepulse.sales;

/**
 * The smallest raise of an auction's price, by how high it stands (in minor units, so 100 is 1.00): 1.00 below
 * 30.00, then 2.00, 3.00, 5.00, 10.00, 20.00 and 50.00 as the price rises.
 */
final class BidSteps {

	private static final long[][] STEPS = { { 3_000, 100 }, { 10_000, 200 }, { 25_000, 300 }, { 50_000, 500 },
			{ 100_000, 1_000 }, { 250_000, 2_000 } };
	private static final long TOP_STEP = 5_000;

	private BidSteps() {
	}

	/** The step above {@code priceMinor}. */
	static long above(long priceMinor) {
		for (long[] step : STEPS) {
			if (priceMinor < step[0]) {
				return step[1];
			}
		}
		return TOP_STEP;
	}
}
