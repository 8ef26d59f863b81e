package io.livepulse.chat;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class ChatApiOnH2Tests extends ChatApiContract {
}
