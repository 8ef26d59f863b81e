package io.livepulse.shopping;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class AttributionApiOnH2Tests extends AttributionApiContract {
}
