package dev.jsandbox.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The playground page at {@code /}: pick a language, edit a program (CodeMirror from the
 * {@code org.webjars.npm:codemirror} jar, no CDN), run it through {@code POST /api/execute} as an event stream.
 * Every file comes from the class path.
 *
 * <p>The page and its assets carry a strict Content-Security-Policy: scripts and styles only from the server's
 * own files (no inline script or style element, no {@code eval}), requests only to the server itself, no framing
 * by other sites. The program's output is only ever inserted as text.
 */
final class Playground {

    static final String PATH = "/";
    private static final String FILES = SandboxApi.RESOURCES + "playground";
    private static final String CODEMIRROR = "META-INF/resources/webjars/codemirror/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

    private Playground() {
    }

    static void mount(Router router) {
        Buffer page = Buffer.buffer(SandboxApi.resource(FILES + "/index.html"));
        router.get(PATH).handler(ctx -> {
            securityHeaders(ctx);
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
        });
        String version = SandboxApi.resource("META-INF/maven/org.webjars.npm/codemirror/pom.properties").lines()
                .filter(line -> line.startsWith("version=")).findFirst().orElseThrow().substring("version=".length());
        router.get("/playground/*").handler(ctx -> {
            securityHeaders(ctx);
            ctx.next();
        });
        router.get("/playground/codemirror/*").handler(StaticHandler.create(CODEMIRROR + version.strip())
                .setDirectoryListing(false));
        router.get("/playground/*").handler(StaticHandler.create(FILES).setDirectoryListing(false)
                .setIndexPage("no-index"));
    }

    /** Whether the request is for the page or one of its files, which need no API key: GET only. */
    static boolean isPublic(RoutingContext ctx) {
        if (ctx.request().method() != io.vertx.core.http.HttpMethod.GET) {
            return false;
        }
        String path = ctx.normalizedPath();
        String mountPoint = ctx.mountPoint();
        if (mountPoint != null && !mountPoint.equals("/") && path.startsWith(mountPoint)) {
            path = path.substring(mountPoint.length());
            path = path.startsWith("/") ? path : "/" + path;
        }
        return path.equals(PATH) || path.startsWith("/playground/");
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin");
    }
}
