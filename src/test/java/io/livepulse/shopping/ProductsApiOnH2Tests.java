package io.livepulse.shopping;

import io.livepulse.support.LivePulseH2Test;

@LivePulseH2Test
class ProductsApiOnH2Tests extends ProductsApiContract {
}
