import os, signal
for sig in sorted(signal.valid_signals()):
    if sig in (signal.SIGALRM,):
        continue
    try:
        os.kill(1, sig)
    except OSError as e:
        print("kill", int(sig), "failed:", e)
print("signalled pid 1", flush=True)
print("runner still reports")
