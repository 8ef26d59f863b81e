package io.livepulse.sales;

/**
 * Where a flash sale is: counting down to its start, running, sold out (every unit held or bought; held
 * units that expire make it run again), ended by its clock, or stopped by the seller or an admin.
 */
public enum FlashSaleStatus {
	COUNTDOWN, RUNNING, SOLD_OUT, ENDED, STOPPED;

	boolean isOver() {
		return this == ENDED || this == STOPPED;
	}
}
