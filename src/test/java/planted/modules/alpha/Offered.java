package planted.modules.alpha;

/** Planted for ModularityTests: public and used by another module. */
public class Offered {
}
