package io.livepulse.sales;

/** An entry taken: its number, which the draw picks from (1 to the number of entries). */
record GiveawayEntry(long giveawayId, int entryNumber, boolean practice) {
}
