package cn.servicecircle.reach.core;

/**
 * A walking speed.
 *
 * <p>Contract: {@code metersPerSecond} is finite and in (0, 10]; GB 50180-2018's life circles
 * (300/500/800–1000 m for 5/10/15 minutes) imply roughly 3.2–4 km/h including crossings, hence
 * the defaults {@link #ADULT} = 4.0 km/h and {@link #ELDERLY} = 3.0 km/h.
 *
 * @param metersPerSecond walking speed in metres per second
 */
public record WalkSpeed(double metersPerSecond) {

    /** Residents' default: 4.0 km/h (1.111 m/s), crossings included. */
    public static final WalkSpeed ADULT = ofKmh(4.0);
    /** Older residents' default: 3.0 km/h (0.833 m/s). */
    public static final WalkSpeed ELDERLY = ofKmh(3.0);

    public WalkSpeed {
        if (!(metersPerSecond > 0) || metersPerSecond > 10 || Double.isNaN(metersPerSecond)) {
            throw new IllegalArgumentException("metersPerSecond must be in (0, 10], was " + metersPerSecond);
        }
    }

    /** @param kmh speed in km/h, in (0, 36] */
    public static WalkSpeed ofKmh(double kmh) {
        return new WalkSpeed(kmh / 3.6);
    }

    public double kmh() {
        return metersPerSecond * 3.6;
    }

    /** Seconds needed for {@code distanceMeters} (≥ 0) at this speed. */
    public double seconds(double distanceMeters) {
        return distanceMeters / metersPerSecond;
    }

    /** Metres covered in {@code walkSeconds} (≥ 0) at this speed. */
    public double meters(double walkSeconds) {
        return walkSeconds * metersPerSecond;
    }
}
