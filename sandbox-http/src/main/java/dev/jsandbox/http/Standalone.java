package dev.jsandbox.http;

import dev.jsandbox.docker.DockerSandbox;

/** What only the standalone server ({@link SandboxServer#main}) sets up: logging and its own Docker sandbox. */
final class Standalone {

    private Standalone() {
    }

    /**
     * Timestamps and thread-free lines for slf4j-simple, unless the operator set them with {@code -D}. Done here
     * rather than in a {@code simplelogger.properties}, which would leak into applications that embed this module.
     */
    static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
    }

    /** A Docker sandbox with the configured limits and concurrency; {@code JSANDBOX_OCI_RUNTIME} picks e.g. gVisor. */
    static DockerSandbox buildSandbox(ServerConfig config, EnvironmentConfig environment) {
        DockerSandbox.Builder builder = DockerSandbox.builder()
                .limits(config.limits())
                .maxConcurrentExecutions(config.maxConcurrentExecutions());
        String ociRuntime = environment.value("JSANDBOX_OCI_RUNTIME");
        if (ociRuntime != null) {
            builder.ociRuntime(ociRuntime);
        }
        return builder.build();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
