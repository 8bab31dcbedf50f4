package cn.servicecircle.access;

/**
 * An age range of a demand group, in whole years, and how it is read from the census bands.
 *
 * <p>Split rule (documented in the README): a band counts in proportion to the single years of age it shares with
 * the range, assuming residents spread evenly over the years of a band. So 6–11 takes 6/9 of the 6–14 band and
 * 12–14 takes 3/9; "60+" takes the 60–64 and 65+ bands whole; the open 65+ band counts whole in any range
 * reaching 65 with no upper end, and not at all otherwise.
 *
 * @param fromYears first year of age, ≥ 0
 * @param toYears   last year of age (inclusive), or -1 for "and over"
 */
public record AgeRange(int fromYears, int toYears) {
    private static final int[][] BANDS = {{0, 2}, {3, 5}, {6, 14}, {15, 59}, {60, 64}};

    public AgeRange {
        if (fromYears < 0 || (toYears != -1 && toYears < fromYears)) {
            throw new IllegalArgumentException("invalid age range " + fromYears + "-" + toYears);
        }
    }

    /** Everyone. */
    public static final AgeRange ALL = new AgeRange(0, -1);

    /**
     * @param text {@code "all"}, {@code "a-b"} (inclusive) or {@code "a+"}
     * @throws IllegalArgumentException for anything else
     */
    public static AgeRange parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.equals("all")) {
                return ALL;
            }
            if (t.endsWith("+")) {
                return new AgeRange(Integer.parseInt(t.substring(0, t.length() - 1)), -1);
            }
            String[] parts = t.split("-");
            if (parts.length == 2) {
                return new AgeRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("age range must be 'all', 'a-b' or 'a+', got '" + text + "'");
    }

    /** @return the residents of this range among {@code bands}, by the split rule, ≥ 0 */
    public double count(AgeBands bands) {
        double[] counts = {bands.age0to2(), bands.age3to5(), bands.age6to14(), bands.age15to59(), bands.age60to64()};
        double sum = 0;
        for (int i = 0; i < BANDS.length; i++) {
            sum += counts[i] * share(BANDS[i][0], BANDS[i][1]);
        }
        // 65+: an open band, counted whole by an open range reaching it
        if (toYears == -1 && fromYears <= 65) {
            sum += bands.age65plus();
        }
        return sum;
    }

    private double share(int bandFrom, int bandTo) {
        int hi = toYears == -1 ? Integer.MAX_VALUE : toYears;
        int overlap = Math.min(hi, bandTo) - Math.max(fromYears, bandFrom) + 1;
        return overlap <= 0 ? 0 : (double) overlap / (bandTo - bandFrom + 1);
    }

    @Override
    public String toString() {
        if (this.equals(ALL)) {
            return "all";
        }
        return toYears == -1 ? fromYears + "+" : fromYears + "-" + toYears;
    }
}
