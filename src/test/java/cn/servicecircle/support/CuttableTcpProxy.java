package cn.servicecircle.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that can be cut: while cut, the port is closed (connections are refused) and every
 * connection through it is dropped, as when the database server stops; restored, it accepts again on the same port.
 * Plain threads: it plays the network, not the service.
 */
public final class CuttableTcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    /** Starts listening on a free loopback port, forwarding to {@code targetHost:targetPort}. */
    public CuttableTcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        start(first);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and drops every open one. */
    public synchronized void cut() throws IOException {
        ServerSocket l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true);
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        start(l);
    }

    private void start(ServerSocket l) {
        listener = l;
        Thread acceptor = new Thread(() -> {
            while (!l.isClosed()) {
                try {
                    Socket client = l.accept();
                    Socket server = new Socket(targetHost, targetPort);
                    sockets.add(client);
                    sockets.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    // listener closed by cut(), or the target refused: the client sees its connection close
                }
            }
        }, "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
