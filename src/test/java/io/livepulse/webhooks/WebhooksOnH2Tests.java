package io.livepulse.webhooks;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class WebhooksOnH2Tests extends WebhookContract {
}
