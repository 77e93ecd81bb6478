package dev.jsandbox.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Swagger UI from the {@code org.webjars:swagger-ui} jar on the class path (no CDN), showing the server's own
 * document: the webjar's files as they are, except its initializer, which would load the Swagger pet store.
 */
final class SwaggerUi {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private SwaggerUi() {
    }

    static void mount(Router router, String path) {
        router.get(path).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next(); // Vert.x matches path/ here too; that one is the static handler's
            } else {
                ctx.redirect(path.substring(path.lastIndexOf('/') + 1) + "/"); // relative: works under a prefix
            }
        });
        Buffer initializer = Buffer.buffer(SandboxApi.resource(SandboxApi.RESOURCES + "swagger-initializer.js"));
        router.get(path + "/swagger-initializer.js").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8").end(initializer));
        String version = SandboxApi.resource("META-INF/maven/org.webjars/swagger-ui/pom.properties").lines()
                .filter(line -> line.startsWith("version=")).findFirst().orElseThrow().substring("version=".length());
        router.get(path + "/*").handler(StaticHandler.create(WEBJAR + version.strip()));
    }
}
