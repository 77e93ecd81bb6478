package dev.jsandbox.server;

import java.util.Objects;

/**
 * The broker's URI from {@code JSANDBOX_REDIS_URL}, which may hold a password: {@link #toString()} hides it, so the
 * start-up log line and any message can show the rest.
 *
 * @param value the URI as given, e.g. {@code redis://:password@redis:6379}
 */
record BrokerUrl(String value) {

    BrokerUrl {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
            throw new IllegalArgumentException("expected redis://[:password@]host[:port][/db] or rediss://... for TLS");
        }
    }

    @Override
    public String toString() {
        return value.replaceFirst("//[^@/]*@", "//***@");
    }
}
