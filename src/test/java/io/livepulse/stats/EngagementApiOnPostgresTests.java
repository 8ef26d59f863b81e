package io.livepulse.stats;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class EngagementApiOnPostgresTests extends EngagementApiContract {
}
