package io.livepulse.push;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class EngagementApiOnH2Tests extends EngagementApiContract {
}
