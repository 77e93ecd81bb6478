package dev.jsandbox.redis;

/**
 * Where the broker keeps everything, under one prefix (default {@value #DEFAULT_PREFIX}) so that several deployments
 * can share a Redis:
 *
 * <ul>
 *   <li>{@code <prefix>:jobs} - the stream of jobs (fields {@code id} and {@code request}), read by the consumer
 *       group {@value #GROUP}; an entry is deleted when its job is acknowledged, so its length is the backlog;</li>
 *   <li>{@code <prefix>:dead} - the dead-letter stream: jobs that ended too many workers (fields {@code id},
 *       {@code request}, {@code attempts}), capped at about {@value #DEAD_LETTER_MAX_LENGTH} entries;</li>
 *   <li>{@code <prefix>:submission:<id>} - a hash per submission: {@code state}, {@code entry} (its stream entry),
 *       {@code attempts} (times a worker took it), {@code results} (results stored: 1 at most), {@code result} or
 *       {@code failure}; it gets its time-to-live when it finishes;</li>
 *   <li>{@code <prefix>:worker:<name>} - a worker's heartbeat (its languages, limits and health) with a short TTL;</li>
 *   <li>{@code <prefix>:finished} - the pub/sub channel on which a submission's id is published when it finishes.</li>
 * </ul>
 */
final class BrokerKeys {

    static final String DEFAULT_PREFIX = "jsandbox";
    static final String GROUP = "workers";
    static final long DEAD_LETTER_MAX_LENGTH = 10_000;

    final String prefix;
    final String jobs;
    final String dead;
    final String finished;

    BrokerKeys(String prefix) {
        if (prefix.isBlank() || !prefix.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '*' && c != '?'
                && c != '[' && c != ']')) {
            throw new IllegalArgumentException("the key prefix must be printable ASCII without spaces or glob"
                    + " characters (* ? [ ]), was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.jobs = prefix + ":jobs";
        this.dead = prefix + ":dead";
        this.finished = prefix + ":finished";
    }

    String submission(String id) {
        return prefix + ":submission:" + id;
    }

    String worker(String name) {
        return prefix + ":worker:" + name;
    }

    String workerPattern() {
        return prefix + ":worker:*";
    }
}
