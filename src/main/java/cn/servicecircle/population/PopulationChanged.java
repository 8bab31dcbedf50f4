package cn.servicecircle.population;

/**
 * Application event published after population points were written (an import committed), so caches of the
 * population (coverage, gaps, siting, 2SFCA) re-read them.
 *
 * @param points how many points were created or updated, ≥ 1
 */
public record PopulationChanged(int points) {
}
