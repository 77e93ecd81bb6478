/*
 * jsandbox-runner: PID 1 of every sandbox container.
 *
 * The container is created and started before its job is known; the runner waits for the job on stdin,
 * so no host path, shell string or file copy is ever involved in handing code to the sandbox. Protocol
 * (the Java side lives in dev.jsandbox.docker.internal.JobWriter / RunnerStreamParser):
 *
 *   host -> stdin:  items "<decimal length>\n<bytes>", in this order:
 *                   "jsandbox-job/1", nonce, compile timeout ms, run timeout ms, compile output cap bytes,
 *                   file count, (name, content)*, env count, ("KEY=VALUE")*, compile argc, argv*, run argc, argv*,
 *                   stdin length; then exactly that many bytes of the program's stdin. The length matters: the
 *                   engine's attach stream cannot half-close, so the program's EOF comes from the runner.
 *   stdout -> host: "\0jsandbox:compile NONCE OUTCOME EXIT SIGNAL MICROS TRUNCATED LENGTH\n" + compiler output,
 *                   written before the program starts (OUTCOME: none|ok|failed|timeout); then the program's own
 *                   stdout; then, once every process of the job is dead,
 *                   "\0jsandbox:exit NONCE EXIT SIGNAL WALL_MICROS CPU_MICROS OOM_KILLS\n".
 *   stderr -> host: the program's own stderr, then "\0jsandbox:end NONCE\n" once the job is over (after the exit
 *                   line, or after a failed compile). With both streams' last lines in, the host has the whole
 *                   result and need not wait for the container to stop.
 *
 * Why PID 1: the kernel kills every process of the container when PID 1 exits, PID 1 ignores signals it has
 * no handler for (so `kill 1` from the job is harmless), and kill(-1, SIGKILL) from PID 1 ends every process
 * the job left behind (double-forked daemons included) before the exit line is written.
 *
 * The runner is also the in-container deadline: it gives up waiting for a job after --idle-timeout-seconds and
 * kills everything shortly after the job's own timeouts, so a container outlives a crashed host process by
 * seconds, not forever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKSPACE "/workspace"
#define MAX_SMALL_ITEM (1 << 20)
#define MAX_FILE_ITEM (64L << 20)
#define MAX_LIST 4096
#define BACKSTOP_GRACE_MS 2000

enum { EXIT_PROTOCOL = 2, EXIT_IDLE = 3, EXIT_BACKSTOP = 4 };

static void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("jsandbox-runner: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    kill(-1, SIGKILL);
    _exit(EXIT_PROTOCOL);
}

static void backstop(void) {
    static const char msg[] = "jsandbox-runner: in-container deadline reached, killing the job\n";
    kill(-1, SIGKILL);
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) { /* nothing left to report to */ }
    _exit(EXIT_BACKSTOP);
}

/* Only our own alarm(2) counts: its SIGALRM comes from the kernel (SI_KERNEL). The job runs as our uid, so it may
 * kill(1, SIGALRM) - that arrives as SI_USER and must neither end the job early nor forge a timeout. */
static int from_our_timer(const siginfo_t *info) {
    return info != NULL && info->si_code == SI_KERNEL;
}

static void on_alarm(int sig, siginfo_t *info, void *context) {
    (void) sig;
    (void) context;
    if (from_our_timer(info)) backstop();
}

static void on_idle(int sig, siginfo_t *info, void *context) {
    (void) sig;
    (void) context;
    if (from_our_timer(info)) _exit(EXIT_IDLE);
}

static void on_sigalrm(void (*handler)(int, siginfo_t *, void *)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
}

static int64_t now_micros(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---------- reading the job: exact reads only, so every byte after the job stays for the program ---------- */

static void read_exact(void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(STDIN_FILENO, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("job ended early (%s)", n == 0 ? "EOF" : strerror(errno));
        p += n;
        len -= (size_t) n;
    }
}

static long read_length(long max) {
    char digits[24];
    size_t used = 0;
    for (;;) {
        char c;
        read_exact(&c, 1);
        if (c == '\n') break;
        if (c < '0' || c > '9' || used + 1 >= sizeof digits) fail("malformed item length");
        digits[used++] = c;
    }
    if (used == 0) fail("empty item length");
    digits[used] = '\0';
    long value = strtol(digits, NULL, 10);
    if (value < 0 || value > max) fail("item of %ld bytes exceeds %ld", value, max);
    return value;
}

static char *read_string(void) {
    long len = read_length(MAX_SMALL_ITEM);
    char *s = malloc((size_t) len + 1);
    if (s == NULL) fail("out of memory");
    read_exact(s, (size_t) len);
    s[len] = '\0';
    if ((long) strlen(s) != len) fail("NUL inside a text item");
    return s;
}

static long read_number(long max) {
    char *s = read_string();
    char *end;
    errno = 0;
    long value = strtol(s, &end, 10);
    if (errno != 0 || *s == '\0' || *end != '\0' || value < 0 || value > max) fail("bad number '%s'", s);
    free(s);
    return value;
}

static char **read_list(void) {
    long count = read_number(MAX_LIST);
    char **list = calloc((size_t) count + 1, sizeof *list);
    if (list == NULL) fail("out of memory");
    for (long i = 0; i < count; i++) list[i] = read_string();
    return list;
}

static int valid_file_name(const char *name) {
    if (name[0] == '\0' || name[0] == '.' || strlen(name) > 128) return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return 0;
    }
    return 1;
}

/* Streams one file item straight into the (fresh, runner-owned) workspace; never follows a link. */
static void write_file_item(const char *name) {
    long len = read_length(MAX_FILE_ITEM);
    if (!valid_file_name(name)) fail("invalid file name '%s'", name);
    int fd = openat(AT_FDCWD, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot create %s: %s", name, strerror(errno));
    char buf[65536];
    while (len > 0) {
        size_t chunk = len < (long) sizeof buf ? (size_t) len : sizeof buf;
        read_exact(buf, chunk);
        for (size_t off = 0; off < chunk;) {
            ssize_t n = write(fd, buf + off, chunk - off);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail("cannot write %s: %s", name, strerror(errno));
            off += (size_t) n;
        }
        len -= (long) chunk;
    }
    close(fd);
}

/* ---------- processes ---------- */

static char **job_env;

static const char *env_value(const char *key) {
    size_t klen = strlen(key);
    for (char **e = job_env; *e; e++)
        if (strncmp(*e, key, klen) == 0 && (*e)[klen] == '=') return *e + klen + 1;
    return NULL;
}

/* execve with a PATH search over the job's PATH (not the runner's), never through a shell. */
static void exec_in_path(char **argv) {
    if (strchr(argv[0], '/') != NULL) {
        execve(argv[0], argv, job_env);
        return;
    }
    const char *path = env_value("PATH");
    if (path == NULL) path = "/usr/local/bin:/usr/bin:/bin";
    char candidate[PATH_MAX];
    while (*path) {
        const char *sep = strchr(path, ':');
        size_t dlen = sep ? (size_t) (sep - path) : strlen(path);
        if (dlen > 0 && dlen + strlen(argv[0]) + 2 < sizeof candidate) {
            memcpy(candidate, path, dlen);
            candidate[dlen] = '/';
            strcpy(candidate + dlen + 1, argv[0]);
            execve(candidate, argv, job_env);
        }
        path += dlen + (sep ? 1 : 0);
    }
    errno = ENOENT;
}

/* The job's processes are the preferred victims of the OOM killer, never the runner. */
static void prefer_as_oom_victim(void) {
    int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (write(fd, "1000", 4) < 0) { /* best effort */ }
        close(fd);
    }
}

/* Copies exactly `length` bytes of the job's stdin into a pipe for the program, in a child of its own so that a
 * program that never reads (or reads slowly) blocks nobody; the program sees EOF when the copy ends. */
static int stdin_feed(long length) {
    if (length == 0) {
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (devnull < 0) fail("cannot open /dev/null: %s", strerror(errno));
        return devnull;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) fail("fork: %s", strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        char buf[65536];
        while (length > 0) {
            ssize_t n = read(STDIN_FILENO, buf, length < (long) sizeof buf ? (size_t) length : sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) _exit(0);
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(fds[1], buf + off, (size_t) (n - off));
                if (w < 0 && errno == EINTR) continue;
                if (w < 0) _exit(0); /* the program closed its stdin: nothing more to deliver */
                off += w;
            }
            length -= n;
        }
        _exit(0);
    }
    close(fds[1]);
    return fds[0];
}

static pid_t spawn(char **argv, int in_fd, int out_fd, int err_fd) {
    pid_t pid = fork();
    if (pid < 0) fail("fork: %s", strerror(errno));
    if (pid > 0) return pid;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    setpgid(0, 0);
    prefer_as_oom_victim();
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    if (in_fd != STDIN_FILENO) dup2(in_fd, STDIN_FILENO);
    if (out_fd != STDOUT_FILENO) dup2(out_fd, STDOUT_FILENO);
    if (err_fd != STDERR_FILENO) dup2(err_fd, STDERR_FILENO);
    exec_in_path(argv);
    dprintf(STDERR_FILENO, "jsandbox-runner: cannot execute %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Reaps every child (PID 1 inherits all orphans); returns 1 once `pid` was reaped, 0 at the deadline. */
static int wait_for(pid_t pid, int64_t deadline_us, int *status) {
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    for (;;) {
        int st;
        pid_t reaped;
        while ((reaped = waitpid(-1, &st, WNOHANG)) > 0) {
            if (reaped == pid) {
                *status = st;
                return 1;
            }
        }
        if (reaped < 0 && errno == ECHILD) fail("lost track of process %d", (int) pid);
        int64_t left = deadline_us - now_micros();
        if (left <= 0) return 0;
        struct timespec ts = {left / 1000000, (left % 1000000) * 1000};
        sigtimedwait(&chld, NULL, &ts);
    }
}

static void kill_everything_else(void) {
    kill(-1, SIGKILL);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
}

static long oom_kills(void) {
    static const char *const files[] = {"/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = fopen(files[i], "re");
        if (f == NULL) continue;
        char key[64];
        long value;
        while (fscanf(f, "%63s %ld", key, &value) == 2) {
            if (strcmp(key, "oom_kill") == 0) {
                fclose(f);
                return value;
            }
        }
        fclose(f);
    }
    return -1;
}

static int64_t cpu_micros(void) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return ((int64_t) ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

static void write_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) _exit(EXIT_PROTOCOL); /* the host went away: nobody is left to tell */
        data += n;
        len -= (size_t) n;
    }
}

/* The last bytes of stderr: every process of the job is dead, so nothing can follow it. */
static void write_end(const char *nonce) {
    char line[128];
    int n = snprintf(line, sizeof line, "%cjsandbox:end %s\n", 0, nonce);
    write_all(STDERR_FILENO, line, (size_t) n);
}

/* ---------- the two steps ---------- */

struct compile_result {
    const char *outcome;
    int exit_code, signal;
    int64_t micros;
    int truncated;
    char *output;
    size_t length;
};

static struct compile_result compile(char **argv, long timeout_ms, long cap) {
    struct compile_result r = {"none", 0, 0, 0, 0, NULL, 0};
    if (argv[0] == NULL) return r;
    r.output = malloc((size_t) cap + 1);
    if (r.output == NULL) fail("out of memory");
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
    int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int64_t start = now_micros(), deadline = start + (int64_t) timeout_ms * 1000;
    pid_t pid = spawn(argv, devnull, fds[1], fds[1]);
    close(fds[1]);
    close(devnull);
    int timed_out = 0;
    char scratch[65536];
    for (;;) {
        int64_t left = deadline - now_micros();
        if (left <= 0) { timed_out = 1; break; }
        struct pollfd p = {fds[0], POLLIN, 0};
        int ready = poll(&p, 1, (int) ((left + 999) / 1000));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        ssize_t n = read(fds[0], scratch, sizeof scratch);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        size_t keep = (size_t) n;
        if (r.length + keep > (size_t) cap) {
            keep = (size_t) cap - r.length;
            r.truncated = 1;
        }
        memcpy(r.output + r.length, scratch, keep);
        r.length += keep;
    }
    close(fds[0]);
    int status = 0;
    if (!timed_out && !wait_for(pid, deadline, &status)) timed_out = 1;
    r.micros = now_micros() - start;
    kill_everything_else();
    if (timed_out) {
        r.outcome = "timeout";
        r.exit_code = -1;
        r.signal = SIGKILL;
    } else {
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        r.outcome = (WIFEXITED(status) && WEXITSTATUS(status) == 0) ? "ok" : "failed";
    }
    return r;
}

int main(int argc, char **argv) {
    long idle_seconds = 600;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--idle-timeout-seconds") == 0 && i + 1 < argc) idle_seconds = atol(argv[++i]);
        else fail("usage: jsandbox-runner [--idle-timeout-seconds N]");
    }
    /* No one in the container may read the runner's memory (the nonce) through /proc/1/mem. */
    prctl(PR_SET_DUMPABLE, 0);
    signal(SIGPIPE, SIG_IGN);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    if (chdir(WORKSPACE) != 0) fail("cannot enter " WORKSPACE ": %s", strerror(errno));

    on_sigalrm(on_idle);
    alarm((unsigned) (idle_seconds > 0 ? idle_seconds : 1));
    char *magic = read_string();
    if (strcmp(magic, "jsandbox-job/1") != 0) fail("unknown job format '%s'", magic);
    char *nonce = read_string();
    long compile_timeout_ms = read_number(3600000L);
    long run_timeout_ms = read_number(3600000L);
    long compile_cap = read_number(64L << 20);
    long file_count = read_number(MAX_LIST);
    for (long i = 0; i < file_count; i++) {
        char *name = read_string();
        write_file_item(name);
        free(name);
    }
    job_env = read_list();
    char **compile_argv = read_list();
    char **run_argv = read_list();
    if (run_argv[0] == NULL) fail("the job has no run command");
    long stdin_length = read_number(LONG_MAX / 2);

    on_sigalrm(on_alarm);
    alarm((unsigned) ((compile_timeout_ms + run_timeout_ms + BACKSTOP_GRACE_MS) / 1000 + 1));

    struct compile_result c = compile(compile_argv, compile_timeout_ms, compile_cap);
    char line[256];
    int n = snprintf(line, sizeof line, "%cjsandbox:compile %s %s %d %d %lld %d %zu\n", 0, nonce, c.outcome,
                     c.exit_code, c.signal, (long long) c.micros, c.truncated, c.length);
    write_all(STDOUT_FILENO, line, (size_t) n);
    if (c.length > 0) write_all(STDOUT_FILENO, c.output, c.length);
    if (strcmp(c.outcome, "none") != 0 && strcmp(c.outcome, "ok") != 0) {
        write_end(nonce);
        return 0;
    }

    long oom_before = oom_kills();
    int64_t cpu_before = cpu_micros();
    int64_t start = now_micros();
    int program_stdin = stdin_feed(stdin_length);
    pid_t pid = spawn(run_argv, program_stdin, STDOUT_FILENO, STDERR_FILENO);
    close(program_stdin);
    int status = 0;
    if (!wait_for(pid, start + ((int64_t) run_timeout_ms + BACKSTOP_GRACE_MS) * 1000, &status)) backstop();
    int64_t wall = now_micros() - start;
    kill_everything_else();
    alarm(0);
    long oom_after = oom_kills();
    long ooms = (oom_before < 0 || oom_after < 0) ? -1 : oom_after - oom_before;
    n = snprintf(line, sizeof line, "%cjsandbox:exit %s %d %d %lld %lld %ld\n", 0, nonce,
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                 (long long) wall, (long long) (cpu_micros() - cpu_before), ooms);
    write_all(STDOUT_FILENO, line, (size_t) n);
    write_end(nonce);
    return 0;
}
