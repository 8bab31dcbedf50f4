package cn.servicecircle.access;

/**
 * Residents of one place by the census age bands the data carries, all ≥ 0.
 *
 * @param age0to2   0–2 years
 * @param age3to5   3–5 years
 * @param age6to14  6–14 years
 * @param age15to59 15–59 years
 * @param age60to64 60–64 years
 * @param age65plus 65 years and over
 */
public record AgeBands(double age0to2, double age3to5, double age6to14, double age15to59, double age60to64,
                       double age65plus) {
    public AgeBands {
        if (age0to2 < 0 || age3to5 < 0 || age6to14 < 0 || age15to59 < 0 || age60to64 < 0 || age65plus < 0) {
            throw new IllegalArgumentException("age band counts must be >= 0");
        }
    }

    /** @return residents of all ages */
    public double total() {
        return age0to2 + age3to5 + age6to14 + age15to59 + age60to64 + age65plus;
    }
}
