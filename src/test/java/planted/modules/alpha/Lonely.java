package planted.modules.alpha;

/** Planted for ModularityTests: public, yet no other module uses it. */
public class Lonely {
}
