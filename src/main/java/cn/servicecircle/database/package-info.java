/**
 * Whether the database can be reached: a background probe, the readiness indicator that follows it, and the rule
 * that says which failures mean "the database is unavailable" (answered 503 {@code DATABASE_UNAVAILABLE} with
 * {@code Retry-After}, logged once per outage) rather than "this request is wrong".
 */
package cn.servicecircle.database;
