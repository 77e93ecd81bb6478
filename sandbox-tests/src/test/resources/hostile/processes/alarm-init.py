import os, signal, time
try:
    os.kill(1, signal.SIGALRM)
except PermissionError:  # under gVisor: the runner is another uid (processes/signal-init)
    print("kill(1, SIGALRM): EPERM")
time.sleep(0.2)
print("signalled pid 1", flush=True)
print("runner still reports")
