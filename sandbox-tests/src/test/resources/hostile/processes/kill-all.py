import os, signal, time
children = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        time.sleep(100)
        os._exit(0)
    children.append(pid)
os.kill(-1, signal.SIGKILL)
killed = sum(1 for pid in children if os.WTERMSIG(os.waitpid(pid, 0)[1]) == signal.SIGKILL)
print("children killed by SIGKILL:", killed)
print("the killer survived")
