import os, signal, time
os.kill(1, signal.SIGALRM)
time.sleep(0.2)
print("signalled pid 1", flush=True)
print("runner still reports")
