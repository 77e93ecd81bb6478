package dev.jsandbox.server;

import java.util.Locale;

/** {@code JSANDBOX_LOG_FORMAT}: how the server writes its log on standard output. */
enum LogFormat {
    /** One line of text per event: time, level, logger, message. The default. */
    PLAIN("jsandbox-logback-plain.xml"),
    /** One JSON object per line (Logback's {@code JsonEncoder}); the access log's fields are in {@code kvpList}. */
    JSON("jsandbox-logback-json.xml");

    /** The Logback configuration on the class path that writes this format. */
    final String configuration;

    LogFormat(String configuration) {
        this.configuration = configuration;
    }

    static LogFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "plain", "text" -> PLAIN;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("expected plain or json");
        };
    }
}
