package io.livepulse.stream;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class StreamLifecycleOnH2Tests extends StreamLifecycleContract {
}
