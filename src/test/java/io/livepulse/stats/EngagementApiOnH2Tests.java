package io.livepulse.stats;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class EngagementApiOnH2Tests extends EngagementApiContract {
}
