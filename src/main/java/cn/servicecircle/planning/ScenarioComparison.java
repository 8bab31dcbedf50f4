package cn.servicecircle.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;

/**
 * One demand group's coverage before and after a what-if, per area and in total. Pure. Both results come from the
 * same cells, so demand is the same on both sides and only "served" moves.
 */
public final class ScenarioComparison {
    private ScenarioComparison() {
    }

    /**
     * @param areaCode     null for the region
     * @param demand       residents of the group, ≥ 0
     * @param servedBefore of them served by the open sites
     * @param servedAfter  of them served with the scenario's changes
     */
    public record Change(String areaCode, double demand, double servedBefore, double servedAfter) {
        /** @return served after − served before, residents (negative when the scenario loses coverage) */
        public double delta() {
            return servedAfter - servedBefore;
        }

        /** @return served / demand before, 0–1; 0 without demand */
        public double shareBefore() {
            return demand == 0 ? 0 : servedBefore / demand;
        }

        /** @return served / demand after, 0–1; 0 without demand */
        public double shareAfter() {
            return demand == 0 ? 0 : servedAfter / demand;
        }
    }

    /** @param areas per area code, sorted */
    public record Result(DemandGroup group, Change total, List<Change> areas) {
    }

    /** @param before and {@code after}: the same group over the same cells */
    public static Result of(Coverage.Result before, Coverage.Result after) {
        List<Change> areas = new ArrayList<>();
        for (Map.Entry<String, Coverage.Tally> e : before.byArea().entrySet()) {
            Coverage.Tally a = after.byArea().get(e.getKey());
            areas.add(new Change(e.getKey(), e.getValue().demand(), e.getValue().served(), a == null ? 0 : a.served()));
        }
        return new Result(before.group(), new Change(null, before.total().demand(), before.total().served(),
                after.total().served()), List.copyOf(areas));
    }
}
