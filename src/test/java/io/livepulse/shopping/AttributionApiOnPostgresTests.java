package io.livepulse.shopping;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class AttributionApiOnPostgresTests extends AttributionApiContract {
}
