package io.livepulse.webhooks;

import io.livepulse.support.LivePulsePostgresTest;

@LivePulsePostgresTest
class WebhooksOnPostgresTests extends WebhookContract {
}
