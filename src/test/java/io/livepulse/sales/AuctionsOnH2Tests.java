package io.livepulse.sales;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class AuctionsOnH2Tests extends AuctionContract {
}
