import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

// Java has no raw sockets; the rest as in network.py.
public class Main {
    public static void main(String[] args) throws Exception {
        // /proc/net/dev lists every interface of the network namespace (gVisor has no /sys/class/net).
        List<String> interfaces = Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
                .map(line -> line.split(":")[0].strip()).sorted().collect(Collectors.toList());
        System.out.println("interfaces: " + String.join(" ", interfaces));
        long routes4 = Files.readAllLines(Path.of("/proc/net/route")).size() - 1;
        long routes6 = Files.readAllLines(Path.of("/proc/net/ipv6_route")).stream()
                .filter(line -> !line.isBlank() && !line.strip().endsWith("lo")).count();
        System.out.println("routes: " + routes4 + " IPv4, " + routes6 + " IPv6");
        if (!interfaces.equals(List.of("lo")) || routes4 != 0 || routes6 != 0) {
            System.out.println("NETWORK PRESENT: refusing to send anything");
            System.exit(1);
        }
        tcp("tcp 192.0.2.1:80", "192.0.2.1", 80);
        tcp("tcp 203.0.113.1:443", "203.0.113.1", 443);
        tcp("tcp 169.254.169.254:80", "169.254.169.254", 80);
        tcp("tcp6 [2001:db8::1]:80", "2001:db8::1", 80);
        long started = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(new byte[] {'x'}, 1, InetAddress.getByName("192.0.2.1"), 53));
            System.out.println("udp 192.0.2.1:53: SENT");
        } catch (Exception e) {
            System.out.println("udp 192.0.2.1:53: " + describe(e, started));
        }
        started = System.nanoTime();
        try {
            InetAddress.getByName("jsandbox-canary.invalid");
            System.out.println("dns: RESOLVED");
        } catch (java.net.UnknownHostException e) {
            System.out.println("dns: failed " + speed(started));
        }
    }

    static void tcp(String label, String host, int port) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 3000);
            System.out.println(label + ": SENT");
        } catch (Exception e) {
            System.out.println(label + ": " + describe(e, started));
        }
    }

    static String describe(Exception e, long started) {
        String message = String.valueOf(e.getMessage());
        String name = message.contains("Network is unreachable") ? "ENETUNREACH"
                : message.contains("No route to host") ? "EHOSTUNREACH" : e.toString();
        return name + " " + speed(started);
    }

    static String speed(long started) {
        return System.nanoTime() - started < 500_000_000L ? "fast" : "slow";
    }
}
