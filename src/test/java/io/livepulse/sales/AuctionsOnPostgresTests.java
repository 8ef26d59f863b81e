package io.livepulse.sales;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class AuctionsOnPostgresTests extends AuctionContract {
}
