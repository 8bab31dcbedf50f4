package cn.servicecircle.database;

import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells failures of reaching the database (refused or lost connections, pool timeouts, a server shutting down or
 * starting up) from failures of a statement. Plain Java; matches class names so the rule holds for the driver,
 * the pool and Spring's translated exceptions alike without depending on each.
 */
public final class DatabaseFailures {
    /** Exception types, anywhere in the cause chain, that mean the database could not be reached. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.r2dbc.spi.R2dbcTransientResourceException",
            "io.r2dbc.spi.R2dbcTimeoutException",
            "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionClosedException",
            "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "reactor.pool.PoolAcquireTimeoutException",
            "reactor.pool.PoolShutdownException",
            "java.net.ConnectException",
            "java.nio.channels.ClosedChannelException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.StacklessClosedChannelException",
            "io.netty.channel.unix.Errors$NativeIoException");

    private DatabaseFailures() {
    }

    /**
     * @param error any failure, may be null
     * @return whether it (or a cause) says the database could not be reached: a connection exception (SQLSTATE
     * class 08), the server shutting down or starting up (57P01–57P03), or one of the connection/pool types above
     */
    public static boolean isUnavailable(Throwable error) {
        return causes(error).anyMatch(t -> isConnectionType(t.getClass()) || isUnavailableSqlState(t));
    }

    private static boolean isConnectionType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (CONNECTION_FAILURES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailableSqlState(Throwable t) {
        String state = t instanceof io.r2dbc.spi.R2dbcException r ? r.getSqlState()
                : t instanceof java.sql.SQLException s ? s.getSQLState() : null;
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** The exception and its causes, outermost first; stops on self-caused chains and after 32 links. */
    public static Stream<Throwable> causes(Throwable error) {
        return Stream.iterate(error, t -> t != null, t -> t.getCause() == t ? null : t.getCause()).limit(32);
    }
}
