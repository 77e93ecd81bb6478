# Sends the runner (PID 1) the signals a confused or hostile program might: termination, job control, its child
# and deadline signals. PID 1 of a PID namespace only receives those it has a handler for, and the runner's
# SIGCHLD and SIGALRM handlers ignore signals that do not come from the kernel or its own children.
import os, signal, time
sent = 0
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGSTOP, signal.SIGCHLD,
            signal.SIGALRM):
    try:
        os.kill(1, sig)
        sent += 1
    except OSError as e:
        print("kill(1, %d) failed: %s" % (sig, e))
time.sleep(0.2)
print("sent %d signals to pid 1\nok" % sent)
