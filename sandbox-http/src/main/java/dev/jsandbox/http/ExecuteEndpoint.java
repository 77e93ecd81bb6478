package dev.jsandbox.http;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.InvalidRequestException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/execute}: validates the request on the event loop (cheap, and a malformed request never takes a
 * place in the queue), then runs it on an execution worker. Cancelling the returned future (the client left)
 * interrupts the worker, which makes the sandbox remove the container.
 */
final class ExecuteEndpoint {

    private final CodeSandbox sandbox;
    private final WorkQueue executions;
    private final FailureMapping failures;

    ExecuteEndpoint(CodeSandbox sandbox, WorkQueue executions, FailureMapping failures) {
        this.sandbox = sandbox;
        this.executions = executions;
        this.failures = failures;
    }

    CompletableFuture<ApiResponse> handle(ApiRequest request) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!isJson(contentType)) {
            return CompletableFuture.completedFuture(Problem.response(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    Problem.Type.HTTP, "send the request as Content-Type: application/json (UTF-8), was "
                            + (contentType == null ? "no Content-Type" : "'" + AccessLog.clean(contentType) + "'"))
                    .withHeader("Accept-Post", ApiResponse.JSON));
        }
        ExecutionRequest execution;
        try {
            execution = ExecuteRequestReader.read(request.body());
        } catch (InvalidRequestException e) {
            return CompletableFuture.completedFuture(Problem.badRequest(e.getMessage()));
        }
        CompletableFuture<ExecutionResult> result = executions.submit(() -> sandbox.execute(execution));
        CompletableFuture<ApiResponse> response = result.handle((value, failure) -> respond(value, failure))
                .thenApply(answer -> answer.withLanguage(execution.language()));
        // handle() made a new future: the caller cancels that one, and the execution must hear of it.
        response.whenComplete((value, failure) -> {
            if (response.isCancelled()) {
                result.cancel(true);
            }
        });
        return response;
    }

    private ApiResponse respond(@Nullable ExecutionResult result, @Nullable Throwable failure) {
        if (result != null) {
            return ApiResponse.json(HttpResponseStatus.OK, ResponseBodies.Execution.of(result));
        }
        if (failure instanceof CancellationException) {
            throw (CancellationException) failure; // the client left; there is nobody to answer
        }
        return failures.toResponse(failure);
    }

    /** JSON is UTF-8 (RFC 8259): another declared charset would be decoded wrongly, so it is refused. */
    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        CharSequence mimeType = HttpUtil.getMimeType(contentType);
        if (mimeType == null || !mimeType.toString().strip().equalsIgnoreCase(ApiResponse.JSON)) {
            return false;
        }
        Charset charset = HttpUtil.getCharset(contentType, StandardCharsets.UTF_8);
        return charset.equals(StandardCharsets.UTF_8);
    }
}
