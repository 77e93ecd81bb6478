package dev.jsandbox.redis;

import dev.jsandbox.api.CodeSandbox;
import dev.jsandbox.api.ExecutionRequest;
import dev.jsandbox.api.ExecutionResult;
import dev.jsandbox.api.LanguageInfo;
import dev.jsandbox.api.Limits;
import dev.jsandbox.api.SandboxHealth;
import dev.jsandbox.docker.DockerSandbox;
import dev.jsandbox.docker.PoolSettings;
import java.time.Duration;
import java.util.List;

/**
 * A worker JVM of RedisBrokerIT: a {@link RedisWorker} over a real {@link DockerSandbox} with a small pool. Its
 * sandbox is wrapped, in test code only, so that the test can watch and hurt it: it prints {@code executing <tag>}
 * before each execution (the request's first argument), and halts the JVM on the spot for a request whose arguments
 * hold {@value #HALT} - the poison job. Prints {@code ready <name> <sandbox instance id>} once it takes jobs; stops
 * gracefully on SIGTERM.
 *
 * <p>Arguments: broker URI, key prefix, worker name, max attempts.
 */
public final class WorkerMain {

    static final String HALT = "halt-this-worker";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        DockerSandbox docker = DockerSandbox.builder()
                // Generous deadlines: this machine runs the API, three worker JVMs and all their containers on two
                // cores shared with others; the test is about the broker, and a hello world must not time out.
                .limits(Limits.builder().timeout(Duration.ofSeconds(30)).compileTimeout(Duration.ofSeconds(60)).build())
                .maxConcurrentExecutions(2)
                .pool(PoolSettings.builder().minIdle(1).maxIdle(2)
                        // Short, so that the containers of a killed worker stop soon by themselves.
                        .idleExpiry(Duration.ofSeconds(20)).build())
                .build();
        CodeSandbox watched = new CodeSandbox() {
            @Override
            public ExecutionResult execute(ExecutionRequest request) {
                if (request.args().contains(HALT)) {
                    System.out.println("halting on " + request.args().get(0));
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
                System.out.println("executing " + (request.args().isEmpty() ? "-" : request.args().get(0)));
                System.out.flush();
                return docker.execute(request);
            }

            @Override
            public Limits limits() {
                return docker.limits();
            }

            @Override
            public List<LanguageInfo> languages() {
                return docker.languages();
            }

            @Override
            public SandboxHealth health() {
                return docker.health();
            }

            @Override
            public void close() {
                docker.close();
            }
        };
        RedisWorker worker = RedisWorker.builder(args[0], watched).keyPrefix(args[1]).workerName(args[2])
                .maxAttempts(Integer.parseInt(args[3])).concurrency(2)
                .heartbeatInterval(Duration.ofSeconds(1)).claimIdleTime(Duration.ofSeconds(5)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            docker.close();
        }, "worker-main-close"));
        System.out.println("ready " + worker.name() + " " + docker.instanceId());
        System.out.flush();
    }
}
