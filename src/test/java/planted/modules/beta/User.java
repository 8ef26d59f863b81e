package planted.modules.beta;

import planted.modules.alpha.Offered;

/** Planted for ModularityTests: the other module, using what alpha offers. */
public class User {

	Offered offered = new Offered();
}
