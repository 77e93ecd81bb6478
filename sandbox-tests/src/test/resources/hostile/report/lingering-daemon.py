# The main program prints, then leaves a double-forked daemon in its own session that holds the stdout and stderr
# pipes and keeps writing to both, and exits 0 while the daemon runs.
import os, time
print("main exits", flush=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            os.write(1, b"daemon\n")
            os.write(2, b"daemon\n")
            time.sleep(0.02)
    os._exit(0)
os.wait()
os._exit(0)
