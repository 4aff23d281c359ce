package dev.kcpim.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Random;

/** Local TCP ports for servers the tests start. */
public final class Ports {
    private static final Random RANDOM = new Random();

    private Ports() {
    }

    /** A port that was free a moment ago (the OS picks it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port for the cluster transport, with its failure-detection neighbour (port + 100) free too. */
    static int freeClusterPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 11000 + RANDOM.nextInt(4000);
            if (isFree(port) && isFree(port + 100)) {
                return port;
            }
        }
        throw new IllegalStateException("no free cluster port");
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
