import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Opens a Neo4j Community DBMS with only the Bolt connector, on 127.0.0.1.
 *
 * <p>Arguments: home directory, Bolt port, page cache bytes, and the time limit in milliseconds
 * of a transaction that sets none itself ({@code db.transaction.timeout}; 0: none); optionally a
 * plugin directory and the pattern of the procedures allowed from it, unrestricted (a library
 * such as Graph Data Science: its jars are also on the class path, as Neo4j's own start script
 * puts {@code plugins/*} there, so that its extensions load). The password of the built-in
 * {@code neo4j} user comes from the environment ({@code STATUSMAP_NEO4J_LOCAL_PASSWORD}) so that
 * it never shows in a process listing.
 *
 * <p>The process stops when its standard input closes: the Python process that started it holds
 * the other end, so if that process dies by any means, this one shuts the DBMS down cleanly
 * instead of lingering.
 */
public final class StatusmapNeo4j {
    private StatusmapNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: StatusmapNeo4j <home> <bolt-port> <pagecache-bytes> "
                    + "<transaction-timeout-ms> [<plugin-dir> <procedure-pattern>]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCache = Long.parseLong(args[2]);
        Duration transactionTimeout = Duration.ofMillis(Long.parseLong(args[3]));
        String password = System.getenv("STATUSMAP_NEO4J_LOCAL_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("STATUSMAP_NEO4J_LOCAL_PASSWORD must hold at least 8 characters");
            System.exit(2);
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (args.length == 6) {
            List<String> allowed = List.of(args[5]);
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(args[4]).toAbsolutePath())
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, allowed)
                    .setConfig(GraphDatabaseSettings.procedure_allowlist, allowed);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                // While a request is at work, a NOOP every second on its connection, and a hint
                // to the driver to give up reading after 4 s of silence: a stalled server (its
                // process stopped, say) is told from a slow statement within seconds.
                .setConfig(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.ALL)
                .setConfig(BoltConnector.connection_keep_alive, Duration.ofSeconds(1))
                .setConfig(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(1))
                .setConfig(BoltConnector.connection_keep_alive_probes, 4)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // A ceiling for transactions that bring no limit of their own (a tool's, say);
                // statusmap's statements each send theirs (graph/database/store.py).
                .setConfig(GraphDatabaseSettings.transaction_timeout, transactionTimeout)
                // Neo4j's defaults wait 5 s twice for idle Bolt threads on shutdown; a local
                // server with no clients left has nothing to wait for.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "statusmap-neo4j-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Restarted on the same data with the same password (clients keep connecting with
            // it): Neo4j refuses to "change" a password to itself, which is what we want anyway.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password")) {
                throw e;
            }
        }

        System.out.println("statusmap-neo4j: bolt on 127.0.0.1:" + port);
        System.out.flush();

        Thread watchdog = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Nothing is sent on this pipe; it only tells us the parent is alive.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end of input.
            }
            System.exit(0);
        }, "statusmap-neo4j-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();

        stopped.await();
    }
}
