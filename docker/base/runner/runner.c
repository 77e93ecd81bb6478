/*
 * jsandbox-runner: PID 1 of every sandbox container.
 *
 * The container is created and started before its job is known; the runner waits for the job on stdin,
 * so no host path, shell string or file copy is ever involved in handing code to the sandbox. Protocol
 * (the Java side lives in dev.jsandbox.docker.internal.JobEncoder / RunnerFrames / RunnerOutputCollector):
 *
 *   host -> stdin:  items "<decimal length>\n<bytes>", in this order:
 *                   "jsandbox-job/3", compile timeout ms, run timeout ms, output cap bytes (per stream and run),
 *                   compile output cap bytes, file count, (relative path, content)*, env count, ("KEY=VALUE")*,
 *                   compile argc, argv*, run argc, argv*, run count; then, for each run, its stdin as one item,
 *                   read only when that run starts. The engine's attach stream cannot half-close, so each program's
 *                   EOF comes from the runner.
 *   runner -> stdout: frames "<type byte><payload length, 4 bytes big-endian><payload>":
 *                   'c' compiler output, 'C' compile report, then per run 'o' stdout, 'e' stderr, 'R' run report,
 *                   and finally 'E' (end of job). Reports are ASCII fields separated by spaces (see report_*).
 *   runner -> stderr: the runner's own diagnostics, only when it fails.
 *
 * Why the program's output is relayed rather than handed the container's stdout: a program may do anything to its
 * own descriptors (set O_NONBLOCK, close them, dup2 files over them, leave a child holding them, fill them, print
 * text that looks like a report). It only ever holds pipes whose other ends belong to the runner, so none of that
 * can touch the stream the host reads, and every byte of it arrives inside a frame the runner wrote: nothing the
 * program prints can be taken for a report. The runner also enforces the run's deadline and output caps, so the
 * status of a run comes from the kernel (exit status, signal, the cgroup's OOM kill count and memory high-water
 * mark) and from the runner's own clock and counters, never from the program's words.
 *
 * Why PID 1: the kernel kills every process of the container when PID 1 exits, PID 1 ignores signals it has
 * no handler for (so `kill 1` from the job is harmless), and kill(-1, SIGKILL) from PID 1 ends every process
 * the job left behind (double-forked daemons included) before the run report is written. PR_SET_DUMPABLE 0 keeps
 * the job (same uid) from reading or tracing the runner.
 *
 * --job-user UID:GID (the host gives it under gVisor only): the runner starts as root and runs every program (the
 * warm process included) as UID:GID instead of its own uid. gVisor (runsc 20221219, google/gvisor#11836) does not
 * give PID 1 Linux's protection against signals from inside its namespace, so a job of the runner's own uid could
 * kill it; a job of another uid gets EPERM. The runner keeps euid 0 but only the capabilities the container grants
 * (the host adds exactly SETUID, SETGID and KILL; none of them reaches the job, whose uid is not 0), and it touches
 * the workspace, /tmp and /dev/shm only with its effective uid and gid switched to the job user's (see
 * as_job_user), so the files it writes are the job's, exactly as without the option (gVisor has no setfsuid).
 * The runner refuses to start as euid 0 without --job-user: it never runs a job as root. Without the option (runc:
 * the container's user is the job user, and Linux already protects PID 1 and honours PR_SET_DUMPABLE) nothing of
 * this happens.
 *
 * Several runs (test cases) share one compile: after compiling, the runner keeps a copy of the workspace in its
 * own memory; before every run after the first it kills what is left, empties /workspace, /tmp and /dev/shm,
 * removes System V IPC objects and restores the copy, so nothing one run leaves reaches the next.
 *
 * Warm start (pre-started containers only): the host may name a warm stage on the runner's command line,
 *   --warm-env KEY=VALUE (repeated)  --warm-serves N ARG*N  --warm-command N ARG*N
 * The runner then starts the warm command at once, before any job exists, as it starts every program (same user,
 * policy, process group, OOM preference), with stdin, stdout and stderr on pipes only the runner holds the other ends
 * of, and a fourth pipe on descriptor 3 (the control pipe) whose write end only the runner holds. The warm process
 * loads its tooling and blocks reading descriptor 3. When the job arrives, the runner hands it the job's FIRST step
 * if and only if the warm process is still alive, the job's environment equals the warm environment, the step's
 * argv starts with the serves-prefix, and the step is the compile step or the only run of a single-run job (a judge
 * job's runs all start fresh, so that every test case is measured alike). Hand-over: whatever the warm process wrote
 * so far is discarded, then the rest of the step's argv (after the prefix) is written to descriptor 3 as items
 * "<count>\n" then "<length>\n<bytes>" per argument, and the pipe is closed. From that moment on the warm process
 * is the step's process and nothing else: the step's clock and deadline start at the hand-over, its CPU time is the
 * warm process's CPU minus what it had used before the hand-over (/proc/PID/stat), its output is relayed and
 * capped like any program's, and it is reaped and killed like any program. In every other case (no warm stage, it
 * died, e.g. OOM while loading, or the step does not match) the runner kills it before the first step and runs
 * the step cold. Until the hand-over no code of the job runs, and the warm process receives nothing of the job but
 * through the control pipe: it cannot be reached by the job any more than the runner can.
 *
 * The runner is also the in-container backstop: it gives up waiting for a job after --idle-timeout-seconds and
 * kills everything shortly after the job's whole budget, so a container outlives a crashed host process by
 * seconds, not forever.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKSPACE "/workspace"
#define MAX_SMALL_ITEM (1 << 20)
#define MAX_FILE_ITEM (64L << 20)
#define MAX_STDIN_ITEM (256L << 20)
#define MAX_LIST 4096
#define MAX_RUNS 1024
#define MAX_PATH_LENGTH 255
#define CHUNK 65536
/* How long after a run's deadline the whole-job backstop fires; covers start-up, relaying and resetting. */
#define BACKSTOP_GRACE_MS 2000
#define PER_RUN_SLACK_MS 1000

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

/* SIGCHLD stays blocked except inside ppoll, where it only needs to wake the loop up. */
static void on_child(int sig) {
    (void) sig;
}

static int64_t now_micros(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---------- frames to the host ---------- */

static void write_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            kill(-1, SIGKILL);
            _exit(EXIT_PROTOCOL); /* the host went away: nobody is left to tell */
        }
        data += n;
        len -= (size_t) n;
    }
}

static void frame(char type, const char *payload, size_t len) {
    unsigned char header[5] = {(unsigned char) type, (unsigned char) (len >> 24), (unsigned char) (len >> 16),
                               (unsigned char) (len >> 8), (unsigned char) len};
    write_all(STDOUT_FILENO, (const char *) header, sizeof header);
    if (len > 0) write_all(STDOUT_FILENO, payload, len);
}

static void report(char type, const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t) n >= sizeof line) fail("report too long");
    frame(type, line, (size_t) n);
}

/* ---------- reading the job: exact reads only ---------- */

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

static char *read_bytes(long max, size_t *length) {
    long len = read_length(max);
    char *s = malloc((size_t) len + 1);
    if (s == NULL) fail("out of memory");
    read_exact(s, (size_t) len);
    s[len] = '\0';
    *length = (size_t) len;
    return s;
}

static char *read_string(void) {
    size_t len;
    char *s = read_bytes(MAX_SMALL_ITEM, &len);
    if (strlen(s) != len) fail("NUL inside a text item");
    return s;
}

static long read_number(long max) {
    char *s = read_string();
    char *end;
    errno = 0;
    long value = strtol(s, &end, 10);
    if (errno != 0 || *s == '\0' || *end != '\0' || value < 0 || value > max) fail("bad number");
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

/* A relative path of segments made of letters, digits, '.', '_' and '-'; no empty, "." or ".." segment. The host
 * checks the same rule; the runner checks again because it is the one that creates the files. */
static int valid_path(const char *path) {
    size_t len = strlen(path);
    if (len == 0 || len > MAX_PATH_LENGTH || path[0] == '/' || path[len - 1] == '/') return 0;
    const char *segment = path;
    for (const char *p = path;; p++) {
        char c = *p;
        if (c == '/' || c == '\0') {
            size_t seg = (size_t) (p - segment);
            if (seg == 0 || (seg == 1 && segment[0] == '.') || (seg == 2 && segment[0] == '.' && segment[1] == '.'))
                return 0;
            if (c == '\0') return 1;
            segment = p + 1;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            return 0;
    }
}

/* ---------- the job user (--job-user, see the header) ---------- */

static int has_job_user;
static uid_t job_uid;
static gid_t job_gid;

/* Effective ids to the job user's (entering != 0) or back to root's. The real and saved uid stay 0, so the runner can
 * come back, and so a job process (whose real and effective uid are the job user's) may still neither signal nor
 * trace the runner: Linux and gVisor compare those with the target's real and saved uid. Used only while no program
 * of the job runs (writing the job's files, the snapshot and reset between runs). */
static void as_job_user(int entering) {
    if (!has_job_user) return;
    if (entering) {
        if (setresgid((gid_t) -1, job_gid, (gid_t) -1) != 0) fail("setresgid to the job group: %s", strerror(errno));
        if (setresuid((uid_t) -1, job_uid, (uid_t) -1) != 0) fail("setresuid to the job user: %s", strerror(errno));
        if (geteuid() != job_uid || getegid() != job_gid) fail("the effective ids are not the job user's");
    } else {
        if (setresuid((uid_t) -1, 0, (uid_t) -1) != 0) fail("setresuid back to root: %s", strerror(errno));
        if (setresgid((gid_t) -1, 0, (gid_t) -1) != 0) fail("setresgid back to root: %s", strerror(errno));
    }
}

/* In a new process before it execs: becomes the job user for good (no supplementary group, no way back, hence no
 * capability). Returns 0, or the errno of the step that failed (the caller reports it; the program never runs). */
static int drop_to_job_user(void) {
    if (setgroups(0, NULL) != 0) return errno ? errno : EPERM;
    if (setresgid(job_gid, job_gid, job_gid) != 0) return errno ? errno : EPERM;
    if (setresuid(job_uid, job_uid, job_uid) != 0) return errno ? errno : EPERM;
    uid_t r, e, saved;
    gid_t gr, ge, gsaved;
    if (getresuid(&r, &e, &saved) != 0 || getresgid(&gr, &ge, &gsaved) != 0) return errno ? errno : EPERM;
    if (r != job_uid || e != job_uid || saved != job_uid || gr != job_gid || ge != job_gid || gsaved != job_gid
        || getuid() != job_uid || geteuid() != job_uid)
        return EPERM;
    return 0;
}

/* "UID:GID", both positive decimal numbers. */
static void parse_job_user(const char *text) {
    char *end;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') fail("bad --job-user (UID:GID)");
    unsigned long uid = strtoul(text, &end, 10);
    if (errno != 0 || end == text || *end != ':' || uid == 0 || uid > 0x7fffffffUL) fail("bad --job-user (UID:GID)");
    const char *g = end + 1;
    if (g[0] < '0' || g[0] > '9') fail("bad --job-user (UID:GID)");
    unsigned long gid = strtoul(g, &end, 10);
    if (errno != 0 || end == g || *end != '\0' || gid == 0 || gid > 0x7fffffffUL) fail("bad --job-user (UID:GID)");
    has_job_user = 1;
    job_uid = (uid_t) uid;
    job_gid = (gid_t) gid;
}

/* Creates the file (and its parent directories) and writes it; never follows a link. */
static void write_file(const char *path, const char *data, size_t len, mode_t mode) {
    char copy[MAX_PATH_LENGTH + 1];
    snprintf(copy, sizeof copy, "%s", path);
    int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) fail("cannot open the workspace: %s", strerror(errno));
    char *segment = copy;
    for (char *slash; (slash = strchr(segment, '/')) != NULL; segment = slash + 1) {
        *slash = '\0';
        if (mkdirat(dir, segment, 0755) != 0 && errno != EEXIST) fail("cannot create a directory: %s", strerror(errno));
        int next = openat(dir, segment, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) fail("cannot enter a directory: %s", strerror(errno));
        close(dir);
        dir = next;
    }
    int fd = openat(dir, segment, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) fail("cannot create a file: %s", strerror(errno));
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write a file: %s", strerror(errno));
        off += (size_t) n;
    }
    fchmod(fd, mode);
    close(fd);
    close(dir);
}

/* ---------- the workspace between runs ---------- */

struct saved {
    char *path; /* relative to the workspace */
    int is_dir;
    mode_t mode;
    char *data;
    size_t length;
};
static struct saved *saved;
static size_t saved_count, saved_capacity;

static void save(const char *path, int is_dir, mode_t mode, char *data, size_t length) {
    if (saved_count == saved_capacity) {
        saved_capacity = saved_capacity ? saved_capacity * 2 : 64;
        saved = realloc(saved, saved_capacity * sizeof *saved);
        if (saved == NULL) fail("out of memory");
    }
    saved[saved_count++] = (struct saved){strdup(path), is_dir, mode, data, length};
}

static char *slurp(int fd, size_t *length) {
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) fail("out of memory");
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (buf == NULL) fail("out of memory");
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read the workspace: %s", strerror(errno));
        if (n == 0) break;
        len += (size_t) n;
    }
    *length = len;
    return buf;
}

/* Pre-order walk, so that a directory is restored before what it holds. Only directories and regular files are
 * kept: the compile step makes nothing else. */
static void snapshot(int dir, const char *prefix) {
    DIR *d = fdopendir(dir);
    if (d == NULL) fail("cannot list the workspace: %s", strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "/" : "", e->d_name);
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            save(path, 1, st.st_mode & 07777, NULL, 0);
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) snapshot(sub, path);
        } else if (S_ISREG(st.st_mode)) {
            int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) continue;
            size_t length;
            char *data = slurp(fd, &length);
            close(fd);
            save(path, 0, st.st_mode & 07777, data, length);
        }
    }
    closedir(d);
}

/* Removes everything inside the directory. The job ran as our uid, so it may have taken permissions away from its
 * own directories; give them back before descending. Links are removed, never followed. Passes repeat until a
 * pass finds nothing, since a directory listing need not show entries added or removed while it is read. */
static void empty_directory(int dir) {
    DIR *d = fdopendir(dir);
    if (d == NULL) return;
    for (int found = 1; found;) {
        found = 0;
        rewinddir(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            struct stat st;
            if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            if (S_ISDIR(st.st_mode)) {
                fchmodat(dirfd(d), e->d_name, 0700, 0);
                int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (sub >= 0) empty_directory(sub);
                if (unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) == 0) found = 1;
            } else if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
                found = 1;
            }
        }
    }
    closedir(d);
}

static void empty_path(const char *path) {
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) return;
    /* Only the workspace is ours to chmod (/tmp and /dev/shm belong to root, sticky, so only our own files go). */
    if (strcmp(path, WORKSPACE) == 0) fchmod(dir, 0700);
    empty_directory(dir);
}

/* The container has an IPC namespace of its own: every System V object in it is the job's. */
static void remove_ipc_objects(void) {
    static const char *const tables[] = {"/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg"};
    for (int t = 0; t < 3; t++) {
        FILE *f = fopen(tables[t], "re");
        if (f == NULL) continue;
        char line[512];
        if (fgets(line, sizeof line, f) == NULL) { fclose(f); continue; } /* header */
        while (fgets(line, sizeof line, f) != NULL) {
            long key, id;
            if (sscanf(line, "%ld %ld", &key, &id) != 2) continue;
            if (t == 0) shmctl((int) id, IPC_RMID, NULL);
            else if (t == 1) semctl((int) id, 0, IPC_RMID);
            else msgctl((int) id, IPC_RMID, NULL);
        }
        fclose(f);
    }
}

static void reset_workspace(void) {
    as_job_user(1);
    empty_path(WORKSPACE);
    empty_path("/tmp");
    empty_path("/dev/shm");
    remove_ipc_objects();
    for (size_t i = 0; i < saved_count; i++) {
        struct saved *s = &saved[i];
        if (s->is_dir) {
            if (mkdir(s->path, 0700) != 0 && errno != EEXIST) fail("cannot restore a directory: %s", strerror(errno));
            chmod(s->path, s->mode);
        } else {
            write_file(s->path, s->data, s->length, s->mode);
        }
    }
    as_job_user(0);
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

/* ctl_fd >= 0 becomes the child's descriptor 3 (the warm process's control pipe). With a job user, the child becomes
 * that user before it execs and tells the runner on a close-on-exec pipe when it could not: the runner then fails
 * rather than let anything run with the runner's ids. */
static pid_t spawn(char **argv, int in_fd, int out_fd, int err_fd, int ctl_fd) {
    int dropped[2] = {-1, -1};
    if (has_job_user && pipe2(dropped, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) fail("fork: %s", strerror(errno));
    if (pid > 0) {
        if (!has_job_user) return pid;
        close(dropped[1]);
        int error = 0;
        ssize_t n;
        while ((n = read(dropped[0], &error, sizeof error)) < 0 && errno == EINTR) {
        }
        close(dropped[0]);
        /* Nothing to read: the child exec'd (or failed to exec the program) as the job user. */
        if (n != 0) fail("cannot run the program as the job user: %s", strerror(n == (ssize_t) sizeof error ? error : EIO));
        return pid;
    }
    if (has_job_user) {
        close(dropped[0]);
        int error = drop_to_job_user();
        if (error != 0) {
            if (write(dropped[1], &error, sizeof error) < 0) { /* the runner then sees a short read */ }
            _exit(127);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    setpgid(0, 0);
    prefer_as_oom_victim();
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    /* The child's descriptors 0-2 become the pipes (dup2 clears close-on-exec); everything else the runner holds is
     * close-on-exec, the container's own stdin and stdout included once replaced here. */
    dup2(in_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    if (ctl_fd >= 0 && ctl_fd != 3) dup2(ctl_fd, 3);
    else if (ctl_fd == 3) fcntl(3, F_SETFD, 0);
    exec_in_path(argv);
    dprintf(STDERR_FILENO, "jsandbox-runner: cannot execute %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Kills and reaps every other process, again and again until none is left: gVisor's kill(-1) does not hold back a
 * fork racing with it (Linux's does), so the newest children of a fork bomb can outlive one round. Under Linux the
 * first round leaves none, and the loop ends at once. */
static void kill_everything_else(void) {
    for (;;) {
        kill(-1, SIGKILL);
        pid_t reaped;
        while ((reaped = waitpid(-1, NULL, WNOHANG)) > 0) {
        }
        if (reaped < 0 && errno == ECHILD) return;
        struct timespec pause = {0, 5 * 1000 * 1000}; /* some are still dying (or were just forked) */
        nanosleep(&pause, NULL);
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

/* The container's memory high-water mark in bytes (cgroup v2 memory.peak, v1 memory.max_usage_in_bytes), or -1. */
static long long memory_peak(void) {
    static const char *const files[] = {"/sys/fs/cgroup/memory.peak", "/sys/fs/cgroup/memory/memory.max_usage_in_bytes"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        FILE *f = fopen(files[i], "re");
        if (f == NULL) continue;
        long long value;
        int ok = fscanf(f, "%lld", &value) == 1;
        fclose(f);
        if (ok) return value;
    }
    return -1;
}

static int64_t cpu_micros(void) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return ((int64_t) ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* ---------- the warm process (see the header) ---------- */

struct warm {
    char **command, **serves, **env;
    pid_t pid;     /* 0: none (never started, or already gone) */
    int in, out, err, ctl; /* the runner's ends */
};
static struct warm warm;

static long clock_ticks(void) {
    long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? ticks : 100;
}

/* utime + stime of a live child, from /proc/PID/stat (fields 14 and 15, after the parenthesized command). */
static int64_t process_cpu_micros(pid_t pid) {
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, line, sizeof line - 1);
    close(fd);
    if (n <= 0) return 0;
    line[n] = '\0';
    char *p = strrchr(line, ')');
    unsigned long long utime = 0, stime = 0;
    if (p == NULL || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return 0;
    return (int64_t) ((utime + stime) * 1000000ULL / (unsigned long long) clock_ticks());
}

static void start_warm(void) {
    int in[2], out[2], err[2], ctl[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0
        || pipe2(ctl, O_CLOEXEC) != 0)
        fail("pipe: %s", strerror(errno));
    char **runner_env = job_env;
    job_env = warm.env;
    warm.pid = spawn(warm.command, in[0], out[1], err[1], ctl[0]);
    job_env = runner_env;
    close(in[0]);
    close(out[1]);
    close(err[1]);
    close(ctl[0]);
    warm.in = in[1];
    warm.out = out[0];
    warm.err = err[0];
    warm.ctl = ctl[1];
}

/* Ends the warm process unused: the job runs cold. Nothing of the job has run yet, so only it is there to kill. */
static void discard_warm(void) {
    if (warm.pid == 0) return;
    close(warm.in);
    close(warm.out);
    close(warm.err);
    close(warm.ctl);
    kill_everything_else();
    warm.pid = 0;
}

static int same_environment(char **a, char **b) {
    size_t na = 0, nb = 0;
    while (a[na]) na++;
    while (b[nb]) nb++;
    if (na != nb) return 0;
    for (size_t i = 0; i < na; i++) {
        int found = 0;
        for (size_t j = 0; j < nb && !found; j++) found = strcmp(a[i], b[j]) == 0;
        if (!found) return 0;
    }
    return 1;
}

/* The argv after the serves-prefix when the warm process may take this step, else NULL. */
static char **warm_rest(char **argv) {
    if (warm.pid == 0 || !same_environment(job_env, warm.env)) return NULL;
    size_t i = 0;
    for (; warm.serves[i]; i++)
        if (argv[i] == NULL || strcmp(argv[i], warm.serves[i]) != 0) return NULL;
    /* Still alive? A warm process that died while waiting (e.g. out of memory while loading) is a zombie now. */
    int st;
    if (waitpid(warm.pid, &st, WNOHANG) != 0) {
        discard_warm();
        return NULL;
    }
    return argv + i;
}

/* Throws away what the warm process wrote before its job, so only the step's own output is relayed. */
static void drain(int fd) {
    char buf[CHUNK];
    while (read(fd, buf, sizeof buf) > 0) {
    }
}

/* The hand-over message, written at once or not at all (a pipe takes 64 KiB unread); 0 when it could not be. */
static int hand_over(char **rest) {
    size_t size = 32;
    for (char **a = rest; *a; a++) size += strlen(*a) + 24;
    if (size > 65536) return 0;
    char *message = malloc(size);
    if (message == NULL) fail("out of memory");
    size_t used = 0, count = 0;
    while (rest[count]) count++;
    used += (size_t) snprintf(message + used, size - used, "%zu\n", count);
    for (char **a = rest; *a; a++) {
        size_t len = strlen(*a);
        used += (size_t) snprintf(message + used, size - used, "%zu\n", len);
        memcpy(message + used, *a, len);
        used += len;
    }
    set_nonblocking(warm.ctl);
    ssize_t n = write(warm.ctl, message, used);
    free(message);
    close(warm.ctl);
    warm.ctl = -1;
    return n == (ssize_t) used;
}

/* ---------- one step: the compiler, or one run of the program ---------- */

struct step {
    char **argv;
    const char *stdin_data; /* NULL: /dev/null */
    size_t stdin_length;
    int merge_output;       /* the compiler: stdout and stderr in one stream */
    long timeout_ms;
    long cap;               /* bytes forwarded per stream */
    int kill_at_cap;        /* a run stops at its cap; a compiler's output is only cut */
};

struct outcome {
    int exited, exit_code, signal, timed_out, truncated[2], warm;
    int64_t wall_micros, cpu_micros;
    long oom_kills;
    long long peak_before, peak_after, max_rss;
};

/* The step's process: the warm process when it may take this step and the hand-over succeeds, else a new one. */
static struct outcome run_step(const struct step *s, const char types[2]) {
    struct outcome r;
    memset(&r, 0, sizeof r);
    char **rest = warm_rest(s->argv);
    int out[2], err[2], in[2] = {-1, -1};
    pid_t pid = 0;
    int64_t cpu_before = 0, start = 0;
    if (rest != NULL) {
        set_nonblocking(warm.out);
        set_nonblocking(warm.err);
        drain(warm.out);
        drain(warm.err);
        /* The warm process's stdin is a pipe either way; a step without stdin gets its end of input at once. */
        in[1] = warm.in;
        warm.in = -1;
        if (s->stdin_data == NULL || s->stdin_length == 0) { close(in[1]); in[1] = -1; }
        else set_nonblocking(in[1]);
        out[0] = warm.out;
        err[0] = warm.err;
        r.oom_kills = oom_kills();
        r.peak_before = memory_peak();
        /* Everything the warm process spent before the hand-over is subtracted from the step's CPU time. */
        cpu_before = cpu_micros() + process_cpu_micros(warm.pid);
        start = now_micros();
        if (hand_over(rest)) {
            pid = warm.pid;
            r.warm = 1;
        } else {
            if (in[1] >= 0) close(in[1]);
            in[1] = -1;
            discard_warm();
        }
        warm.pid = 0;
    } else {
        discard_warm();
    }
    if (pid == 0) {
        if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
        int child_in;
        if (s->stdin_data != NULL && s->stdin_length > 0) {
            if (pipe2(in, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
            child_in = in[0];
            set_nonblocking(in[1]);
        } else {
            child_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (child_in < 0) fail("cannot open /dev/null: %s", strerror(errno));
        }
        r.oom_kills = oom_kills();
        r.peak_before = memory_peak();
        cpu_before = cpu_micros();
        start = now_micros();
        pid = spawn(s->argv, child_in, out[1], s->merge_output ? out[1] : err[1], -1);
        close(child_in);
        close(out[1]);
        close(err[1]);
    }
    set_nonblocking(out[0]);
    set_nonblocking(err[0]);
    int64_t deadline = start + (int64_t) s->timeout_ms * 1000;

    int fds[3] = {out[0], err[0], in[1]};
    long sent[2] = {0, 0};
    size_t stdin_sent = 0;
    int main_done = 0, status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    sigset_t during_poll;
    sigemptyset(&during_poll);
    char buf[CHUNK];
    while (!main_done || fds[0] >= 0 || fds[1] >= 0) {
        /* One reaping loop for the program and the orphans it left: a separate waitpid(-1) for the orphans could
         * reap the program itself between two calls and lose its status. */
        int st;
        struct rusage ru;
        for (pid_t reaped; (reaped = wait4(-1, &st, WNOHANG, &ru)) > 0;) {
            if (reaped == pid && !main_done) {
                main_done = 1;
                status = st;
                usage = ru;
                r.wall_micros = now_micros() - start;
                /* Whatever the program left behind ends with it; their pipe ends close, so the relay drains. */
                kill(-1, SIGKILL);
            }
        }
        if (main_done && fds[0] < 0 && fds[1] < 0) break; /* reaped after its output ended: nothing left to wait for */
        if (!main_done && !r.timed_out && now_micros() >= deadline) {
            r.timed_out = 1;
            kill(-1, SIGKILL);
        } else if (main_done || r.timed_out) {
            /* Again each round while the output drains: under gVisor a process forked during the last kill(-1)
             * survives it (see kill_everything_else) and would hold the pipes open. */
            kill(-1, SIGKILL);
        }
        struct pollfd p[3];
        nfds_t n = 0;
        int index[3];
        for (int i = 0; i < 2; i++)
            if (fds[i] >= 0) { p[n] = (struct pollfd){fds[i], POLLIN, 0}; index[n++] = i; }
        if (fds[2] >= 0) { p[n] = (struct pollfd){fds[2], POLLOUT, 0}; index[n++] = 2; }
        int64_t left = main_done || r.timed_out ? 100000 : deadline - now_micros();
        if (left < 0) left = 0;
        struct timespec ts = {left / 1000000, (left % 1000000) * 1000};
        int ready = ppoll(p, n, &ts, &during_poll);
        if (ready < 0 && errno != EINTR) fail("poll: %s", strerror(errno));
        if (ready <= 0) continue;
        for (nfds_t k = 0; k < n; k++) {
            int i = index[k];
            if (p[k].revents == 0) continue;
            if (i == 2) {
                ssize_t w = write(fds[2], s->stdin_data + stdin_sent, s->stdin_length - stdin_sent);
                if (w < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                if (w > 0) stdin_sent += (size_t) w;
                /* All delivered, or the program closed its stdin: either way the rest is not wanted. */
                if (w < 0 || stdin_sent == s->stdin_length) { close(fds[2]); fds[2] = -1; }
                continue;
            }
            ssize_t got = read(fds[i], buf, sizeof buf);
            if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (got <= 0) { close(fds[i]); fds[i] = -1; continue; }
            long room = s->cap - sent[i];
            long keep = got < room ? got : room;
            if (keep > 0) {
                frame(types[i], buf, (size_t) keep);
                sent[i] += keep;
            }
            if (got > room && !r.truncated[i]) {
                r.truncated[i] = 1;
                if (s->kill_at_cap) kill(-1, SIGKILL);
            }
        }
    }
    if (fds[2] >= 0) close(fds[2]);
    kill_everything_else();
    if (WIFEXITED(status)) {
        r.exited = 1;
        r.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        r.signal = WTERMSIG(status);
    }
    r.cpu_micros = cpu_micros() - cpu_before;
    if (r.cpu_micros < 0) r.cpu_micros = 0; /* /proc counts in clock ticks, rusage in microseconds */
    long ooms_after = oom_kills();
    r.oom_kills = (r.oom_kills < 0 || ooms_after < 0) ? -1 : ooms_after - r.oom_kills;
    r.peak_after = memory_peak();
    r.max_rss = (long long) usage.ru_maxrss * 1024;
    return r;
}

/* "EXIT SIGNAL TIMED_OUT WALL_MICROS CPU_MICROS OOM_KILLS PEAK_BEFORE PEAK_AFTER MAX_RSS TRUNCATED_1 TRUNCATED_2
 * WARM": EXIT is -1 when a signal ended the process; PEAK_* are -1 where the cgroup does not tell; WARM is 1 when the
 * warm process took the step. */
static void report_outcome(char type, const struct outcome *r) {
    report(type, "%d %d %d %lld %lld %ld %lld %lld %lld %d %d %d", r->exited ? r->exit_code : -1, r->signal,
           r->timed_out, (long long) r->wall_micros, (long long) r->cpu_micros, r->oom_kills, r->peak_before,
           r->peak_after, r->max_rss, r->truncated[0], r->truncated[1], r->warm);
}

/* N followed by N arguments, as a NULL-terminated list. */
static char **counted_args(int argc, char **argv, int *i) {
    if (*i + 1 >= argc) fail("missing count after %s", argv[*i]);
    long count = atol(argv[++*i]);
    if (count < 0 || count > MAX_LIST || *i + count >= argc) fail("bad count for a warm stage list");
    char **list = calloc((size_t) count + 1, sizeof *list);
    if (list == NULL) fail("out of memory");
    for (long k = 0; k < count; k++) list[k] = argv[++*i];
    return list;
}

int main(int argc, char **argv) {
    long idle_seconds = 600;
    size_t warm_env_count = 0;
    char **warm_env = calloc((size_t) argc + 1, sizeof *warm_env);
    if (warm_env == NULL) fail("out of memory");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--idle-timeout-seconds") == 0 && i + 1 < argc) idle_seconds = atol(argv[++i]);
        else if (strcmp(argv[i], "--warm-env") == 0 && i + 1 < argc) warm_env[warm_env_count++] = argv[++i];
        else if (strcmp(argv[i], "--warm-serves") == 0) warm.serves = counted_args(argc, argv, &i);
        else if (strcmp(argv[i], "--warm-command") == 0) warm.command = counted_args(argc, argv, &i);
        else if (strcmp(argv[i], "--job-user") == 0 && i + 1 < argc) parse_job_user(argv[++i]);
        else fail("usage: jsandbox-runner [--idle-timeout-seconds N] [--job-user UID:GID] [--warm-env KEY=VALUE]... "
                  "[--warm-serves N ARG...] [--warm-command N ARG...]");
    }
    if (geteuid() == 0 && !has_job_user) fail("refusing to run a job as root: give --job-user UID:GID");
    if (has_job_user && (geteuid() != 0 || getuid() != 0))
        fail("--job-user needs the runner to start as root (the container's user 0)");
    if (has_job_user) {
        /* The runner's own supplementary groups are root's; it needs none. */
        if (setgroups(0, NULL) != 0) fail("setgroups: %s", strerror(errno));
        /* gVisor serves /proc/PID/environ to every user (mode 0444), whatever PR_SET_DUMPABLE and the uid say: blank
         * the runner's environment in place (it reads none of it; programs get the job's), so it reads as NULs. */
        for (char **e = environ; *e != NULL; e++) memset(*e, 0, strlen(*e));
    }
    if ((warm.command == NULL) != (warm.serves == NULL) || (warm.command != NULL && warm.command[0] == NULL))
        fail("a warm stage needs both --warm-command (not empty) and --warm-serves");
    warm.env = warm_env;
    /* No one in the container may read or trace the runner (its memory holds the saved workspace). */
    prctl(PR_SET_DUMPABLE, 0);
    signal(SIGPIPE, SIG_IGN);
    struct sigaction child;
    memset(&child, 0, sizeof child);
    child.sa_handler = on_child;
    sigemptyset(&child.sa_mask);
    sigaction(SIGCHLD, &child, NULL);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    as_job_user(1);
    if (chdir(WORKSPACE) != 0) fail("cannot enter " WORKSPACE ": %s", strerror(errno));
    as_job_user(0);
    /* The container's stdin and stdout are the runner's alone: no child may inherit them. */
    fcntl(STDIN_FILENO, F_SETFD, FD_CLOEXEC);
    fcntl(STDOUT_FILENO, F_SETFD, FD_CLOEXEC);
    fcntl(STDERR_FILENO, F_SETFD, FD_CLOEXEC);

    on_sigalrm(on_idle);
    alarm((unsigned) (idle_seconds > 0 ? idle_seconds : 1));
    /* Before the job exists: the warm process loads its tooling while the container waits. */
    if (warm.command != NULL) start_warm();
    char *magic = read_string();
    if (strcmp(magic, "jsandbox-job/3") != 0) fail("unknown job format (this image speaks jsandbox-job/3)");
    long compile_timeout_ms = read_number(3600000L);
    long run_timeout_ms = read_number(3600000L);
    long output_cap = read_number(1L << 30);
    long compile_cap = read_number(64L << 20);
    long file_count = read_number(MAX_LIST);
    for (long i = 0; i < file_count; i++) {
        char *path = read_string();
        if (!valid_path(path)) fail("invalid file name");
        size_t length;
        char *content = read_bytes(MAX_FILE_ITEM, &length);
        as_job_user(1);
        write_file(path, content, length, 0644);
        as_job_user(0);
        free(path);
        free(content);
    }
    job_env = read_list();
    char **compile_argv = read_list();
    char **run_argv = read_list();
    if (run_argv[0] == NULL) fail("the job has no run command");
    long runs = read_number(MAX_RUNS);
    if (runs < 1) fail("the job has no run");

    on_sigalrm(on_alarm);
    long budget_ms = compile_timeout_ms + runs * (run_timeout_ms + PER_RUN_SLACK_MS) + BACKSTOP_GRACE_MS;
    alarm((unsigned) (budget_ms / 1000 + 1));

    if (compile_argv[0] != NULL) {
        struct step compile = {compile_argv, NULL, 0, 1, compile_timeout_ms, compile_cap, 0};
        struct outcome c = run_step(&compile, "cc");
        report_outcome('C', &c);
        if (c.timed_out || !c.exited || c.exit_code != 0) {
            frame('E', NULL, 0);
            return 0;
        }
    }
    if (runs > 1) {
        discard_warm(); /* a judge job's runs all start fresh, so every test case is measured alike */
        as_job_user(1);
        int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0) fail("cannot open the workspace: %s", strerror(errno));
        snapshot(dir, "");
        as_job_user(0);
    }
    for (long i = 0; i < runs; i++) {
        if (i > 0) reset_workspace();
        size_t stdin_length;
        char *stdin_data = read_bytes(MAX_STDIN_ITEM, &stdin_length);
        struct step run = {run_argv, stdin_data, stdin_length, 0, run_timeout_ms, output_cap, 1};
        struct outcome r = run_step(&run, "oe");
        free(stdin_data);
        report_outcome('R', &r);
    }
    frame('E', NULL, 0);
    return 0;
}
