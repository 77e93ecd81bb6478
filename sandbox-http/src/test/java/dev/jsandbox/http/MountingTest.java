package dev.jsandbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The routes mounted in an application's own Vert.x router, next to the application's routes. */
class MountingTest {

    @Test
    void theApiServesInsideAnApplicationsRouter() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router app = Router.router(vertx);
            app.get("/hello").handler(ctx -> ctx.response().end("hello from the app"));
            SandboxApi api = SandboxApi.create(vertx, new FakeSandbox(), SandboxApiOptions.defaults())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            app.route("/*").subRouter(api.router());
            HttpServer server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.actualPort();

            HttpResponse<String> own = http.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello from the app", own.body());
            HttpResponse<String> executed = http.send(HttpRequest.newBuilder(URI.create(base + SandboxApi.EXECUTE_PATH))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"hi\",\"language\":\"fake\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, executed.statusCode(), executed::body);
            OpenApiContract.instance().assertConforms("POST", SandboxApi.EXECUTE_PATH, executed.statusCode(),
                    executed.headers().firstValue("Content-Type").orElse(""), executed.body());
            api.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
