package dev.jsandbox.redis;

/**
 * The Lua scripts that change a submission's state. Each runs atomically in Redis, so the stream entry and the
 * submission's hash never disagree: a cancel cannot race a worker's take, and a job that two workers ran stores one
 * result.
 */
final class BrokerScripts {

    private BrokerScripts() {
    }

    /**
     * Queues a job unless the backlog is full. KEYS: jobs stream, submission hash. ARGV: max backlog, id, request
     * JSON, result TTL in seconds (applied when it finishes). Returns the entry id, or false when full.
     */
    static final String SUBMIT = """
            if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
            local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[2], 'request', ARGV[3])
            redis.call('HSET', KEYS[2], 'state', 'QUEUED', 'entry', entry, 'attempts', 0, 'results', 0, 'ttl', ARGV[4])
            return entry
            """;

    /**
     * A worker takes a job it read. KEYS: submission hash, jobs stream, dead-letter stream. ARGV: group, entry,
     * max attempts, worker name, channel, id. Returns RUN (execute it), SKIP (cancelled, expired,
     * finished or superseded: acknowledged) or DEAD (too many attempts: failed, moved to the dead-letter stream).
     */
    static final String TAKE = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if (not state) or state == 'DONE' or state == 'FAILED'
                    or redis.call('HGET', KEYS[1], 'entry') ~= ARGV[2] then
                redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
                redis.call('XDEL', KEYS[2], ARGV[2])
                return 'SKIP'
            end
            local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            if attempts > tonumber(ARGV[3]) then
                local ended = attempts - 1
                redis.call('HSET', KEYS[1], 'state', 'FAILED', 'failure', 'the job ended ' .. ended
                        .. ' workers before finishing; it was not run again')
                redis.call('EXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'ttl'))
                local request = ''
                local found = redis.call('XRANGE', KEYS[2], ARGV[2], ARGV[2])
                if #found > 0 then
                    local fields = found[1][2]
                    for i = 1, #fields, 2 do
                        if fields[i] == 'request' then request = fields[i + 1] end
                    end
                end
                redis.call('XADD', KEYS[3], 'MAXLEN', '~', 10000, '*', 'id', ARGV[6], 'request', request,
                        'attempts', ended)
                redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
                redis.call('XDEL', KEYS[2], ARGV[2])
                redis.call('PUBLISH', ARGV[5], ARGV[6])
                return 'DEAD'
            end
            redis.call('HSET', KEYS[1], 'state', 'RUNNING', 'worker', ARGV[4])
            return 'RUN'
            """;

    /**
     * Stores a job's end once and acknowledges its entry. KEYS: submission hash, jobs stream. ARGV: group, entry,
     * field (result or failure), value, state (DONE or FAILED), channel, id, failure kind (empty
     * for a result). Returns 1 when this call
     * stored the end, 0 when one was stored already (the job ran twice) or the submission is gone.
     */
    static final String FINISH = """
            local state = redis.call('HGET', KEYS[1], 'state')
            local stored = 0
            if state == 'RUNNING' or state == 'QUEUED' then
                redis.call('HSET', KEYS[1], 'state', ARGV[5], ARGV[3], ARGV[4])
                if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'failureKind', ARGV[8]) end
                redis.call('HINCRBY', KEYS[1], 'results', 1)
                redis.call('EXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'ttl'))
                redis.call('PUBLISH', ARGV[6], ARGV[7])
                stored = 1
            end
            redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[2], ARGV[2])
            return stored
            """;

    /**
     * Puts back a job that its worker could not start (its engine was unavailable): a new entry at the end of the
     * stream, the attempt not counted; after too many such failures it fails with their message. KEYS: submission
     * hash, jobs stream. ARGV: group, entry, max engine failures, failure text, channel, id. Returns
     * QUEUED, FAILED or SKIP (no longer running).
     */
    static final String REQUEUE = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if state ~= 'RUNNING' or redis.call('HGET', KEYS[1], 'entry') ~= ARGV[2] then
                redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
                redis.call('XDEL', KEYS[2], ARGV[2])
                return 'SKIP'
            end
            local failures = redis.call('HINCRBY', KEYS[1], 'engineFailures', 1)
            if failures >= tonumber(ARGV[3]) then
                redis.call('HSET', KEYS[1], 'state', 'FAILED', 'failure', ARGV[4])
                redis.call('EXPIRE', KEYS[1], redis.call('HGET', KEYS[1], 'ttl'))
                redis.call('PUBLISH', ARGV[5], ARGV[6])
                redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
                redis.call('XDEL', KEYS[2], ARGV[2])
                return 'FAILED'
            end
            local found = redis.call('XRANGE', KEYS[2], ARGV[2], ARGV[2])
            local entry = redis.call('XADD', KEYS[2], '*', unpack(found[1][2]))
            redis.call('HSET', KEYS[1], 'state', 'QUEUED', 'entry', entry)
            redis.call('HINCRBY', KEYS[1], 'attempts', -1)
            redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
            redis.call('XDEL', KEYS[2], ARGV[2])
            return 'QUEUED'
            """;

    /**
     * Cancels a job no worker took. KEYS: submission hash, jobs stream. Returns CANCELLED, ALREADY_STARTED or
     * UNKNOWN.
     */
    static final String CANCEL = """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then return 'UNKNOWN' end
            if state ~= 'QUEUED' then return 'ALREADY_STARTED' end
            redis.call('XDEL', KEYS[2], redis.call('HGET', KEYS[1], 'entry'))
            redis.call('DEL', KEYS[1])
            return 'CANCELLED'
            """;
}
