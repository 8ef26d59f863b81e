package io.livepulse.chat;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class ChatAdminOnH2Tests extends ChatAdminContract {
}
